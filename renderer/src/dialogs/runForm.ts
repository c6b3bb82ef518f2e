/** The run-container form's fields, and the RunSpec they mean (pure). */
import type { FieldProblem, RunSpec } from '../../../common/specs';
import { parsePorts, splitCommand } from '../../../common/validateRun';
import { parseKeyValues, parseList } from './formText';

export interface RunForm {
  image: string;
  name: string;
  command: string;
  modeKind: 'network' | 'host' | 'none' | 'container';
  network: string;
  container: string;
  ports: string;
  dns: string;
  dnsSearch: string;
  extraHosts: string;
  aliases: string;
  labels: string;
}

export const EMPTY_RUN_FORM: RunForm = {
  image: '',
  name: '',
  command: '',
  modeKind: 'network',
  network: 'bridge',
  container: '',
  ports: '',
  dns: '',
  dnsSearch: '',
  extraHosts: '',
  aliases: '',
  labels: '',
};

export function runSpecFromForm(form: RunForm): { spec: RunSpec; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const networkMode: RunSpec['networkMode'] =
    form.modeKind === 'network'
      ? { kind: 'network', network: form.network }
      : form.modeKind === 'container'
        ? { kind: 'container', container: form.container }
        : { kind: form.modeKind };
  const spec: RunSpec = { image: form.image, networkMode };
  if (form.name.trim()) spec.name = form.name.trim();
  if (form.command.trim()) spec.command = splitCommand(form.command.trim());
  const ports = parsePorts(form.ports);
  if ('problem' in ports) problems.push({ field: 'ports', message: ports.problem });
  else if (ports.length) spec.ports = ports;
  if (parseList(form.dns).length) spec.dns = parseList(form.dns);
  if (parseList(form.dnsSearch).length) spec.dnsSearch = parseList(form.dnsSearch);
  if (parseList(form.extraHosts).length) spec.extraHosts = parseList(form.extraHosts);
  if (parseList(form.aliases).length) spec.aliases = parseList(form.aliases);
  const labels = parseKeyValues(form.labels);
  if ('problem' in labels) problems.push({ field: 'labels', message: `Labels: ${labels.problem}` });
  else if (Object.keys(labels).length) spec.labels = labels as Record<string, string>;
  if (form.modeKind === 'container' && !form.container)
    problems.push({ field: 'networkMode', message: 'Choose the container whose namespace to share.' });
  return { spec, problems };
}
