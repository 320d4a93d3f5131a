import type { ConsumerFault } from '../../consumer/outcome.js';
import type { ChainContext } from './chain-context.js';
import { bufferChain, engineChain, viewChain } from './chain-content.js';
import { lookupChain, switchChain } from './chain-dispatch.js';
import { inputFaultChain } from './chain-inputs.js';
import { pastEndChain } from './chain-layout.js';
import { firstRuleThatHolds, refuseReadChain, refuseRuleChain } from './chain-refuse.js';
import { faultTag, step } from './chain-context.js';
import { identifyClause } from './identify-clause.js';
import type { ChainStep } from './types.js';

/** The chain of one refusal or crash: the model clause that produced it, then that clause's facts on this file. */
export function faultChain(ctx: ChainContext, fault: ConsumerFault, refused: boolean): { clause: string; chain: ChainStep[] } {
  const clause = identifyClause(ctx.model, fault, refused, () => firstRuleThatHolds(ctx));
  switch (clause.kind) {
    case 'refuse-read': return { clause: clause.name, chain: refuseReadChain(ctx, fault) };
    case 'refuse-rule': return { clause: clause.name, chain: refuseRuleChain(ctx, fault, clause.index) };
    case 'past-end': return { clause: clause.name, chain: pastEndChain(ctx, fault) };
    case 'switch': return { clause: clause.name, chain: switchChain(ctx, fault, clause.rule) };
    case 'lookup': return { clause: clause.name, chain: lookupChain(ctx, fault, clause.rule) };
    case 'view': return { clause: clause.name, chain: viewChain(ctx, fault) };
    case 'buffer': return { clause: clause.name, chain: bufferChain(ctx, fault, clause.rule) };
    case 'engine': return { clause: clause.name, chain: engineChain(ctx, fault, clause.rule) };
    case 'input-bounds': return { clause: clause.name, chain: inputFaultChain(ctx, fault, 'bounds') };
    case 'input-kind': return { clause: clause.name, chain: inputFaultChain(ctx, fault, 'kind') };
    case 'unknown': return { clause: clause.name, chain: unknownChain(ctx, fault) };
  }
}

/** A fault no clause of the model accounts for (a newer model's details): said plainly, never invented. */
function unknownChain(ctx: ChainContext, fault: ConsumerFault): ChainStep[] {
  return [step(ctx, `${ctx.profile.name} stops here; preflight cannot tell which clause of the model raised it ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset)];
}
