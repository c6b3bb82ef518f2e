import { describe, expect, it } from 'vitest';
import { describeSwarmNode, tasksByService, toSwarmNodes } from './swarm.js';

describe('a swarm as its managers know it', () => {
  it('lists its nodes by hostname, with role, leadership, state and underlay address; a node down is kept, with why', () => {
    const nodes = toSwarmNodes([
      {
        ID: 'b2',
        Description: { Hostname: 'node2' },
        Spec: { Role: 'worker', Availability: 'active' },
        Status: { State: 'down', Addr: '10.250.0.12', Message: 'heartbeat failure' },
      },
      {
        ID: 'a1',
        Description: { Hostname: 'node1' },
        Spec: { Role: 'manager', Availability: 'active' },
        Status: { State: 'ready', Addr: '0.0.0.0' },
        ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.250.0.11:2377' },
      },
    ]);
    expect(nodes.map(describeSwarmNode)).toEqual([
      'node1  manager (leader)  active  ready  10.250.0.11',
      'node2  worker  active  down  10.250.0.12  heartbeat failure',
    ]);
  });

  it('gives each service its current tasks by slot, with their node and container; long shut-down ones left out', () => {
    const tasks = tasksByService([
      {
        ID: 't2',
        ServiceID: 's',
        NodeID: 'b2',
        Slot: 2,
        DesiredState: 'running',
        Status: { State: 'running', ContainerStatus: { ContainerID: 'c2' } },
      },
      { ID: 't1', ServiceID: 's', NodeID: 'a1', Slot: 1, DesiredState: 'running', Status: { State: 'failed', Err: 'no such image' } },
      { ID: 'old', ServiceID: 's', NodeID: 'a1', Slot: 1, DesiredState: 'shutdown', Status: { State: 'shutdown' } },
    ]);
    expect(tasks.get('s')).toEqual([
      { id: 't1', slot: 1, nodeId: 'a1', state: 'failed', desiredState: 'running', containerId: null, error: 'no such image' },
      { id: 't2', slot: 2, nodeId: 'b2', state: 'running', desiredState: 'running', containerId: 'c2', error: null },
    ]);
  });
});
