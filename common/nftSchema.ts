/**
 * The firewall as the helper reads it from nf_tables (what iptables-nft writes for Docker): chains, and rules
 * as the kernel's expressions, each bounded. Part of the helper protocol (./helperProtocol.ts: the firewall
 * method's result, and the rule a trace names); read as iptables words by ./firewall.ts.
 */
import { bool, type Infer, int, list, num, object, oneOf, optional, str } from './schema.js';

const count = int(0, Number.MAX_SAFE_INTEGER);

const nftCounters = object({ packets: num, bytes: num });
const nftChain = object({
  family: str(16),
  table: str(64),
  name: str(64),
  type: optional(str(16)),
  /** A base chain's hook (prerouting, input, forward, output, postrouting), priority, policy and counters. */
  hook: optional(str(16)),
  priority: optional(int(-(2 ** 31), 2 ** 31)),
  policy: optional(oneOf('accept', 'drop')),
  counters: optional(nftCounters),
});
const nftExpr = object({
  kind: str(64),
  key: optional(str(32)),
  dreg: optional(count),
  sreg: optional(count),
  op: optional(str(8)),
  /** Raw bytes, in hex, as the kernel compares or loads them. */
  data: optional(str(128)),
  base: optional(str(16)),
  offset: optional(count),
  len: optional(count),
  mask: optional(str(128)),
  xor: optional(str(128)),
  verdict: optional(str(16)),
  chain: optional(str(64)),
  packets: optional(num),
  bytes: optional(num),
  name: optional(str(64)),
  rev: optional(count),
  info: optional(str(1024)),
  natType: optional(str(8)),
  regAddr: optional(count),
  regProto: optional(count),
  natFamily: optional(str(16)),
});
export const nftRule = object({
  family: str(16),
  table: str(64),
  chain: str(64),
  handle: num,
  exprs: list(nftExpr, 64),
  comment: optional(str(64)),
  truncated: optional(bool),
});
export type NftChain = Infer<typeof nftChain>;
export type NftExpr = Infer<typeof nftExpr>;
export type NftRule = Infer<typeof nftRule>;
export const firewall = object({
  chains: list(nftChain, 4096),
  rules: list(nftRule, 65_536),
  /** Tables of legacy iptables in use: not nf_tables, so not read. */
  legacy: list(str(64), 16),
  truncated: optional(list(str(4096), 8)),
});
export type Firewall = Infer<typeof firewall>;
