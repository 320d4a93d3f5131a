
import { parseRe2 } from '../src/regex/re2-parser.js';
{
  const pats = ['(a+)+$','(a|aa)+$','(\\w+\\s?)+$','\\d+\\d+$','.*.*=.*','^[a-z]+\\.exe$','\\\\pipe\\\\[A-Za-z0-9_]{1,64}','abc','cmd\\.exe','^C:\\\\Windows\\\\','.*foo.*','^.*\\.exe$','(a|b)*c','^(?:[a-z0-9-]+\\.)+[a-z]{2,}$','\\w+@\\w+\\.com','[a-z]*[0-9]*','^\\s*(\\w+)\\s*=\\s*(.*)\\s*$','(x+x+)+y','a*a*','^(a+)+$','\\bfoo\\b','^[^\\\\]+\\\\[^\\\\]+$', 'a{1,64}a{1,64}', '(ab|a)*c', '^(\\d+)*$', '(.*a){12}', '[a-z]+[0-9]+', '\\s+$', 'x*y*z*', '(a*)*', '(a?){30}a{30}', '(a|b|c|d|e|f|g|h)*z', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', '(?:\\\\[^\\\\]*)+$','^(\\w+\\.)*\\w+$', 'a.*b.*c', '(\\d{1,3}\\.){3}\\d{1,3}', '(?i)(A+)+$', '(?P<x>a+)+b', '[[:alpha:]]+[[:alnum:]]+$', '\\pL+\\pN+$', '\\Qa+\\E+$', 'psexesvc|paexec', '^\\\\\\\\\\.\\\\pipe\\\\[a-f0-9]{8}$', '(?:a+){0}b'];
  for (const p of pats) { const r = parseRe2(p); console.log(p.padEnd(42), String(r.root.summary.hazard)); }
}
