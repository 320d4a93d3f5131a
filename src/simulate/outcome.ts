// The result types are generic (any consumer model produces them): they live in src/consumer.
export type { ConsumerFault, Outcome, SimulationResult } from '../consumer/outcome.js';
