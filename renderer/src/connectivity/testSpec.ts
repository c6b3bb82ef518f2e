/** Pure: the test panel's fields -> a TestSpec. */
import type { TestSpec } from '../../../common/testReport';

export function testSpecFrom(from: string, draft: { target: string; port: string; httpPath: string }): TestSpec {
  const port = Number(draft.port);
  return {
    from,
    target: draft.target.trim(),
    ...(draft.port.trim() && Number.isInteger(port) && port > 0 && port < 65536 ? { port } : {}),
    ...(draft.httpPath.trim() ? { httpPath: draft.httpPath.trim() } : {}),
  };
}
