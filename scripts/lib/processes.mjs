// Process trees by PID, from /proc (Linux): code-server restarts children that die, so a tree is stopped as a whole:
// every process of it is frozen (SIGSTOP), then sent SIGTERM, then thawed (SIGCONT), so none can respawn another;
// whatever still lives after a grace period gets SIGKILL. Only the PIDs of the tree given are touched.
import * as fs from 'node:fs';

/** pid → { ppid, pgid, rss (bytes) } of every process visible now. */
function processTable() {
  const table = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: fields are counted from the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), pgid: Number(fields[2]), rss: Number(fields[21]) * 4096 });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** The PIDs of `root` and all its descendants, plus the members of the process group `root` leads. */
export function treeOf(root, table = processTable()) {
  const pids = new Set(table.has(root) ? [root] : []);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, info] of table) {
      if (!pids.has(pid) && (pids.has(info.ppid) || info.pgid === root)) {
        pids.add(pid);
        grew = true;
      }
    }
  }
  return [...pids];
}

/**
 * Memory of the trees of `roots` together, in bytes: the proportional set size (shared pages divided among the
 * processes sharing them, so Chromium's many processes are not counted many times over), else resident size.
 */
export function treeMemory(roots) {
  const table = processTable();
  const pids = new Set(roots.filter(Boolean).flatMap((root) => treeOf(root, table)));
  let total = 0;
  for (const pid of pids) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += pss ? Number(pss[1]) * 1024 : (table.get(pid)?.rss ?? 0);
    } catch {
      total += table.get(pid)?.rss ?? 0;
    }
  }
  return total;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

const alive = (pid) => {
  try {
    // A zombie still answers kill(0); its state says it is done.
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Stops the whole tree of `root`; resolves when none of it runs (after SIGKILL when `graceMs` is over). */
export async function killTree(root, graceMs = 5000) {
  if (!root) return;
  const pids = treeOf(root);
  if (pids.length === 0) return;
  for (const pid of pids) signal(pid, 'SIGSTOP');
  // A process forked between the listing and the freeze: list again while all is frozen.
  for (const pid of treeOf(root)) if (!pids.includes(pid)) (pids.push(pid), signal(pid, 'SIGSTOP'));
  for (const pid of pids) signal(pid, 'SIGTERM');
  for (const pid of pids) signal(pid, 'SIGCONT');
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (pids.some(alive) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 50));
}
