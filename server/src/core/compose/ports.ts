import type { Node } from 'yaml';
import type { Range } from '../text';
import type { ComposeProblem, PortMapping, PortProtocol } from './model';
import type { SourcedText } from './sourcedText';
import type { YamlTree } from './yamlTree';

interface PortSpan {
  readonly first: number;
  readonly last: number;
  readonly range: Range;
}

interface PublishedPort {
  readonly hostIp?: string;
  readonly host?: PortSpan;
  readonly container: PortSpan;
  readonly protocol: PortProtocol;
  readonly range: Range;
}

const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

/** A service's `ports:` list, short (`[ip:][host:]container[/proto]`) and long syntax, ranges expanded. */
export function readPorts(tree: YamlTree, node: Node | undefined, report: (problem: ComposeProblem) => void): PortMapping[] {
  const invalid = (range: Range, message: string) => report({ kind: 'invalid-port', message, path: tree.origin.path, range });
  const published: PublishedPort[] = [];
  for (const item of tree.items(node) ?? []) {
    if (!item) continue;
    const written = tree.text(item);
    const port = written ? readShortSyntax(written.value, invalid) : readLongSyntax(tree, item, invalid);
    if (port) published.push(port);
  }
  return published.flatMap((port) => expand(port, invalid));
}

function readShortSyntax(written: SourcedText, invalid: (range: Range, message: string) => void): PublishedPort | undefined {
  const text = written.trim();
  const slash = text.text.lastIndexOf('/');
  const protocol = slash >= 0 ? text.text.slice(slash + 1).toLowerCase() : 'tcp';
  if (!PROTOCOLS.has(protocol)) {
    invalid(text.rangeOf(slash + 1, text.length), `Unknown protocol "${protocol}"; use tcp, udp or sctp.`);
    return undefined;
  }
  const spec = slash >= 0 ? text.slice(0, slash) : text;
  let hostIp: string | undefined;
  let ports = spec;
  if (spec.text.startsWith('[')) {
    const close = spec.text.indexOf(']:');
    if (close < 0) {
      invalid(spec.range, `"${spec.text}" opens an IPv6 address with '[' but has no "]:" after it.`);
      return undefined;
    }
    hostIp = spec.text.slice(1, close);
    ports = spec.slice(close + 2);
  }
  const parts = ports.split(/:/g);
  if (hostIp === undefined && parts.length > 3) {
    // An unbracketed IPv6 host address: the last two parts are the ports.
    hostIp = ports.text.slice(0, ports.text.length - parts[parts.length - 1].length - parts[parts.length - 2].length - 2);
  } else if (parts.length === 3) {
    hostIp = parts[0].text;
  } else if (parts.length > 3 || (hostIp !== undefined && parts.length !== 2)) {
    invalid(text.range, `"${text.text}" is not a port mapping of the form [ip:][hostPort:]containerPort[/protocol].`);
    return undefined;
  }
  const containerText = parts[parts.length - 1];
  const hostText = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const container = parseSpan(containerText.text, containerText.range, invalid);
  const host = hostText && hostText.length > 0 ? parseSpan(hostText.text, hostText.range, invalid) : undefined;
  if (!container || (hostText && hostText.length > 0 && !host)) return undefined;
  return { hostIp: hostIp || undefined, host, container, protocol: protocol as PortProtocol, range: text.range };
}

function readLongSyntax(tree: YamlTree, item: Node, invalid: (range: Range, message: string) => void): PublishedPort | undefined {
  const entries = tree.entries(item);
  const range = tree.rangeOf(item);
  if (!entries) {
    invalid(range, 'A port is a string like "2181:2181" or a mapping with `target`.');
    return undefined;
  }
  const field = (name: string) => {
    const value = entries.get(name)?.value;
    return value ? tree.text(value)?.value.trim() : undefined;
  };
  const target = field('target');
  if (!target) {
    invalid(range, 'A long-syntax port needs `target`.');
    return undefined;
  }
  const container = parseSpan(target.text, target.range, invalid);
  const published = field('published');
  const host = published && published.length > 0 ? parseSpan(published.text, published.range, invalid) : undefined;
  const protocolText = field('protocol');
  const protocol = (protocolText?.text ?? 'tcp').toLowerCase();
  if (!PROTOCOLS.has(protocol)) {
    invalid(protocolText?.range ?? range, `Unknown protocol "${protocol}"; use tcp, udp or sctp.`);
    return undefined;
  }
  if (!container || (published && published.length > 0 && !host)) return undefined;
  return { hostIp: field('host_ip')?.text || undefined, host, container, protocol: protocol as PortProtocol, range };
}

function parseSpan(text: string, range: Range, invalid: (range: Range, message: string) => void): PortSpan | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  const first = match ? Number(match[1]) : NaN;
  const last = match?.[2] !== undefined ? Number(match[2]) : first;
  if (!match || first < 1 || last > 65535 || last < first) {
    invalid(range, `"${text}" is not a port number (1-65535) or range (first-last).`);
    return undefined;
  }
  return { first, last, range };
}

function expand(port: PublishedPort, invalid: (range: Range, message: string) => void): PortMapping[] {
  const { hostIp, host, container, protocol, range } = port;
  const base = { ...(hostIp && { hostIp }), protocol, range, containerPortRange: container.range, ...(host && { hostPortRange: host.range }) };
  const containerCount = container.last - container.first + 1;
  const hostCount = host ? host.last - host.first + 1 : containerCount;
  if (host && hostCount !== containerCount && containerCount !== 1) {
    invalid(range, `The host range has ${hostCount} ports but the container range has ${containerCount}.`);
    return [];
  }
  if (host && hostCount !== containerCount) {
    return [{ ...base, hostPortSpan: { first: host.first, last: host.last }, containerPort: container.first }];
  }
  return Array.from({ length: containerCount }, (_, i) => ({
    ...base,
    ...(host && { hostPort: host.first + i }),
    containerPort: container.first + i,
  }));
}
