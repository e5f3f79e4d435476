#!/usr/bin/env python3
"""Helper of bench/media.sh (issue 16, part 4: conversations one injector holds).

  media.py sample RUN_PID OUT_PREFIX SAMPLE_SEC MEM_SEC PROFILE(0|1) LEVEL
      Beside one level's run: every SAMPLE_SEC the CPU (utime+stime from /proc/<pid>/stat, as
      bench/cpu-sample.sh reads it, in % of one core) and RSS of each JVM of this run's own process
      tree (Maven, Gatling, MediaWorkerMain, ReferenceTargetMain), and the machine's busy cores from
      /proc/stat (what is not ours is other work on the machine). Every MEM_SEC the heap and the
      JVM's own native memory (NMT) of the media worker and the target through one jcmd each. With
      PROFILE=1, at the plateau (0.8 x LEVEL calls up in the worker, or the worker 50 s old): per-thread CPU over 20 s of both JVMs,
      top -H, and perf record of both for 15 s, then their JIT symbol maps (Compiler.perfmap).
      Ends when RUN_PID is gone.
  media.py report LEVEL RUN_DIR OUT_PREFIX RESULT_JSON EXIT_CODE
      Reads the run's summary.json and signoff.json and the samples, and writes the level's entry
      into RESULT_JSON (levels kept by conversation count; a level run again replaces its entry).
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from datetime import datetime, timezone

HZ = os.sysconf("SC_CLK_TCK")
ROLES = [("MediaWorkerMain", "worker"), ("ReferenceTargetMain", "target"), ("io.gatling.app.Gatling", "gatling"),
         ("plexus-classworlds", "maven")]
PROFILE_AT_WORKER_AGE_SEC = 50
PROFILE_WINDOW_SEC = 20
PERF_SEC = 15
# Set by bench/media.sh: the packet engine's runs read its figures on the wire (voiceToVoiceWire...).
METRIC_SUFFIX = os.environ.get("MEDIA_METRIC_SUFFIX", "")
PROFILE_NAME = os.environ.get("MEDIA_PROFILE_NAME", "media")


def least_squares(pts):
    """(slope, intercept) of the least-squares line through the points, or None for fewer than two distinct x."""
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if not sxx:
        return None
    slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    return slope, my - slope * mx


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return None


def proc_cpu_ticks(pid, task=None):
    stat = read(f"/proc/{pid}/stat" if task is None else f"/proc/{pid}/task/{task}/stat")
    if stat is None:
        return None, None
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2:].split()
    return name, int(fields[11]) + int(fields[12])


def rss_mib(pid):
    status = read(f"/proc/{pid}/status") or ""
    m = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(m.group(1)) / 1024 if m else None


def threads(pid):
    status = read(f"/proc/{pid}/status") or ""
    m = re.search(r"Threads:\s+(\d+)", status)
    return int(m.group(1)) if m else None


def tree(root):
    """Every process under root (root included), by scanning /proc once."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read(f"/proc/{entry}/stat")
            if stat:
                ppid = int(stat[stat.rindex(")") + 2:].split()[1])
                children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def role(pid):
    cmd = (read(f"/proc/{pid}/cmdline") or "").replace("\0", " ")
    for needle, name in ROLES:
        if needle in cmd:
            return name
    return None


def machine_ticks():
    line = (read("/proc/stat") or "").splitlines()[0].split()
    values = [int(v) for v in line[1:9]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def thread_ticks(pid):
    out = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        name, ticks = proc_cpu_ticks(pid, tid)
        if name is not None:
            out[tid] = (name, ticks)
    return out


def group(name):
    """media-call-12 -> media-call-#, so that per-call threads add up."""
    return re.sub(r"\d+", "#", name)


def jcmd(pid, commands):
    """Several diagnostic commands in one attach (one JVM start for jcmd, not one per command)."""
    path = f"/tmp/media-bench-jcmd-{os.getpid()}.txt"
    with open(path, "w") as f:
        f.write("\n".join(commands) + "\n")
    try:
        return subprocess.run(["jcmd", str(pid), "-f", path], capture_output=True, text=True, timeout=30).stdout
    except (subprocess.TimeoutExpired, OSError):
        return ""


def smaps_split(pid, heap_ranges):
    """RSS of one process split: the Java heap's mappings, file-backed (libjvm, libwebrtc's code, jars), other anonymous."""
    heap = files = anon = 0
    current = None
    for line in (read(f"/proc/{pid}/smaps") or "").splitlines():
        head = line.split()
        if head and "-" in head[0] and not head[0].endswith(":"):
            start, end = (int(x, 16) for x in head[0].split("-"))
            in_heap = any(start < h_end and end > h_start for h_start, h_end in heap_ranges)
            current = "heap" if in_heap else ("file" if len(head) >= 6 and head[5].startswith("/") else "anon")
        elif line.startswith("Rss:") and current:
            kb = int(head[1])
            if current == "heap":
                heap += kb
            elif current == "file":
                files += kb
            else:
                anon += kb
    return {"rssHeapMiB": round(heap / 1024, 1), "rssFileMiB": round(files / 1024, 1), "rssAnonNonHeapMiB": round(anon / 1024, 1)}


def heap_ranges(text):
    ranges = []
    for line in text.splitlines():
        if re.search(r"(generation|heap)\s+total", line):
            addresses = [int(a, 16) for a in re.findall(r"0x[0-9a-f]+", line)]
            if len(addresses) >= 2:
                ranges.append((min(addresses), max(addresses)))
    return ranges


def parse_memory(text):
    mib = lambda kb: round(int(kb) / 1024, 1)
    figures = {}
    heap_used = heap_committed = 0
    for total, used in re.findall(r"(?:generation|heap)\s+total (\d+)K, used (\d+)K", text):
        heap_committed += int(total)
        heap_used += int(used)
    if heap_committed:
        figures["heapUsedMiB"] = mib(heap_used)
        figures["heapCommittedMiB"] = mib(heap_committed)
    m = re.search(r"Total: reserved=(\d+)KB, committed=(\d+)KB", text)
    if m:
        figures["nmtCommittedMiB"] = mib(m.group(2))
    for area in ("Java Heap", "Class", "Thread", "Code", "GC", "Internal", "Other", "Symbol", "Arena Chunk", "Metaspace"):
        m = re.search(r"-\s+" + re.escape(area) + r" \(reserved=\d+KB, committed=(\d+)KB\)", text)
        if m:
            figures["nmt" + area.replace(" ", "") + "MiB"] = mib(m.group(1))
    m = re.search(r"-\s+Thread \(reserved=\d+KB, committed=\d+KB\)\s+\(thread #(\d+)\)", text)
    if m:
        figures["nmtThreads"] = int(m.group(1))
    return figures


def sample(run_pid, prefix, sample_sec, mem_sec, profile, level):
    run_pid, sample_sec, mem_sec, profile, level = int(run_pid), float(sample_sec), float(mem_sec), profile == "1", level_number(level)
    cpu_csv = open(prefix + "-cpu.csv", "w")
    cpu_csv.write("epoch,role,pid,cpuPercentOfOneCore,rssMiB,threads\n")
    mem_out = open(prefix + "-memory.jsonl", "w")
    last, last_machine = {}, machine_ticks()
    worker_seen = {}
    next_mem = 0.0
    profiled = False
    profile_state = None
    while os.path.exists(f"/proc/{run_pid}"):
        time.sleep(sample_sec)
        now = time.time()
        pids = {pid: role(pid) for pid in tree(run_pid)}
        pids = {pid: r for pid, r in pids.items() if r}
        ours = 0.0
        for pid, r in pids.items():
            _, ticks = proc_cpu_ticks(pid)
            if ticks is None:
                continue
            if pid in last:
                cpu = (ticks - last[pid][0]) * 100.0 / HZ / (now - last[pid][1])
                ours += cpu
                cpu_csv.write(f"{now:.1f},{r},{pid},{cpu:.1f},{rss_mib(pid) or 0:.0f},{threads(pid) or 0}\n")
            last[pid] = (ticks, now)
            if r == "worker":
                worker_seen.setdefault(pid, now)
        busy, total = machine_ticks()
        if total > last_machine[1]:
            cores = os.cpu_count() * (busy - last_machine[0]) / (total - last_machine[1])
            cpu_csv.write(f"{now:.1f},machine,0,{cores * 100:.1f},0,0\n")
            cpu_csv.write(f"{now:.1f},others,0,{max(0.0, cores * 100 - ours):.1f},0,0\n")
        last_machine = (busy, total)
        cpu_csv.flush()
        if now >= next_mem:
            next_mem = now + mem_sec
            for pid, r in pids.items():
                if r in ("worker", "target"):
                    text = jcmd(pid, ["GC.heap_info", "VM.native_memory summary"])
                    figures = parse_memory(text)
                    figures.update(smaps_split(pid, heap_ranges(text)))
                    figures.update(epoch=round(now, 1), role=r, pid=pid, rssMiB=round(rss_mib(pid) or 0, 1))
                    mem_out.write(json.dumps(figures) + "\n")
                    mem_out.flush()
        if not profiled and worker_seen:
            worker = min(worker_seen, key=worker_seen.get)
            calls = sum(1 for name, _ in thread_ticks(worker).values() if name.startswith("media-call-") and name != "media-call-pings")
            # at the plateau: most of the level's calls up (a thread each), or the worker 50 s old (past its limit it never gets there)
            if calls >= max(1, 0.8 * level) or now - worker_seen[worker] >= PROFILE_AT_WORKER_AGE_SEC:
                profiled = True
                target = next((p for p, r in pids.items() if r == "target"), None)
                # the live heap: one full GC in each, with MEDIA_FULL_GC=1 only: it stops the worker's clock for 100-250 ms,
                # and the late ticks that makes (about 0.5% of a 150-conversation run's) count against the level
                full_gc = os.environ.get("MEDIA_FULL_GC") == "1"
                for pid, r in ((worker, "worker"), (target, "target")):
                    if pid:
                        text = jcmd(pid, (["GC.run"] if full_gc else []) + ["GC.heap_info", "VM.native_memory summary"])
                        figures = parse_memory(text)
                        figures.update(smaps_split(pid, heap_ranges(text)))
                        figures.update(epoch=round(time.time(), 1), role=r, pid=pid, rssMiB=round(rss_mib(pid) or 0, 1),
                                       afterFullGc=full_gc, atPlateau=True, callsInWorker=calls)
                        mem_out.write(json.dumps(figures) + "\n")
                        mem_out.flush()
                if profile:
                    run_profile(prefix, worker, target)
    cpu_csv.close()
    mem_out.close()


def run_profile(prefix, worker, target):
    """Per-thread CPU over PROFILE_WINDOW_SEC, top -H, and perf record, of both JVMs, at the plateau."""
    jvms = {"worker": worker, "target": target}
    jvms = {k: v for k, v in jvms.items() if v}
    started = time.time()
    before = {k: thread_ticks(v) for k, v in jvms.items()}
    perf = subprocess.Popen(["perf", "record", "-F", "99", "-g", "-o", prefix + "-perf.data", "-p",
                             ",".join(str(v) for v in jvms.values()), "--", "sleep", str(PERF_SEC)],
                            stdout=subprocess.DEVNULL, stderr=open(prefix + "-perf.log", "w"))
    time.sleep(3)
    with open(prefix + "-top.txt", "w") as out:
        for name, pid in jvms.items():
            out.write(f"== {name} (pid {pid}): top -H -b -n 2 -d 5, the second frame\n")
            text = subprocess.run(["top", "-H", "-b", "-n", "2", "-d", "5", "-w", "200", "-p", str(pid)],
                                  capture_output=True, text=True).stdout
            frames = text.split("\ntop - ")
            out.write(("top - " + frames[-1]) if len(frames) > 1 else text)
            out.write("\n")
    perf.wait()
    for pid in jvms.values():
        subprocess.run(["jcmd", str(pid), "Compiler.perfmap"], capture_output=True)  # /tmp/perf-<pid>.map for perf report
    rest = PROFILE_WINDOW_SEC - (time.time() - started)
    if rest > 0:
        time.sleep(rest)
    elapsed = time.time() - started
    after = {k: thread_ticks(v) for k, v in jvms.items()}
    result = {"windowSec": round(elapsed, 1), "jvms": {}}
    for name in jvms:
        by_group, by_thread = {}, []
        for tid, (tname, ticks) in after[name].items():
            delta = ticks - before[name].get(tid, (tname, 0))[1]
            pct = delta * 100.0 / HZ / elapsed
            by_thread.append((pct, tname, tid))
            g = by_group.setdefault(group(tname), [0.0, 0])
            g[0] += pct
            g[1] += 1
        result["jvms"][name] = {
            "pid": jvms[name],
            "cpuPercentOfOneCore": round(sum(p for p, _, _ in by_thread), 1),
            "threadGroups": [{"name": n, "threads": c, "cpuPercent": round(p, 1)}
                             for n, (p, c) in sorted(by_group.items(), key=lambda kv: -kv[1][0]) if p >= 0.5],
            "topThreads": [{"name": n, "tid": int(t), "cpuPercent": round(p, 1)} for p, n, t in sorted(by_thread, reverse=True)[:15]],
        }
    json.dump(result, open(prefix + "-threads.json", "w"), indent=2)


def percentile_figures(summary, name):
    metric = (summary.get("voiceMetrics") or {}).get(name) or {}
    measured = metric.get("measured") or {}
    p = measured.get("percentilesMillis") or {}
    return {"count": measured.get("count"), "errors": measured.get("errors"), "p50": p.get("p50"), "p90": p.get("p90"),
            "p95": p.get("p95"), "p99": p.get("p99"), "max": measured.get("maxMillis")}


def machine_speed():
    """One core's speed on a fixed job, best of three, taken after the run: machines of one kind differed 2.2 times
    from one day to the next (150-long, the same code: 92% of a core busy on 2026-12-06 early, 39% later)."""
    data = bytes(64 * 2**20)
    best = min(timed(lambda: hashlib.sha256(data).digest()) for _ in range(3))
    return {"sha256MiBPerSecOneCore": round(64 / best), "cpuModel": cpu_model()}


def timed(job):
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def cpu_model():
    m = re.search(r"model name\s*:\s*(.+)", read("/proc/cpuinfo"))
    return m.group(1).strip() if m else None


def level_number(name):
    """A level's conversations: the digits its name starts with ("150", or "150-long" for another call shape at 150)."""
    return int(re.match(r"\d+", name).group())


def report(name, run_dir, prefix, result_json, exit_code):
    level = level_number(name)
    summary = json.load(open(os.path.join(run_dir, "summary.json")))
    try:
        signoff = json.load(open(os.path.join(run_dir, "signoff.json")))
    except OSError:
        signoff = {}
    media = summary.get("media") or {}
    held_by_second = media.get("conversationsHeldBySecond") or []
    run_start = datetime.fromisoformat(summary["window"]["runStart"].replace("Z", "+00:00")).timestamp()
    peak = max(held_by_second) if held_by_second else 0
    plateau_floor = max(1, int(0.9 * peak))

    def held_at(epoch):
        i = int(epoch - run_start)
        return held_by_second[i] if 0 <= i < len(held_by_second) else 0

    rows = []
    for line in open(prefix + "-cpu.csv").read().splitlines()[1:]:
        epoch, r, pid, cpu, rss, nthreads = line.split(",")
        rows.append((float(epoch), r, int(pid), float(cpu), float(rss), int(nthreads)))
    plateau = [row for row in rows if held_at(row[0]) >= plateau_floor]

    def stats(r, column):
        # one value per sample: a role's processes added up (two media workers are one injector's cost)
        by_sample = {}
        for row in plateau:
            if row[1] == r:
                by_sample[row[0]] = by_sample.get(row[0], 0.0) + row[column]
        values = [round(v, 1) for v in by_sample.values()]
        if not values:
            return None
        values.sort()
        return {"mean": round(sum(values) / len(values), 1), "min": values[0], "max": values[-1], "samples": len(values)}

    cpu = {r: stats(r, 3) for r in ("worker", "target", "gatling", "maven", "machine", "others")}
    rss_peak = {r: max([row[4] for row in rows if row[1] == r] or [0]) for r in ("worker", "target", "gatling")}
    rss_first = {r: next((row[4] for row in rows if row[1] == r), None) for r in ("worker", "target")}
    threads_peak = {r: max([row[5] for row in rows if row[1] == r] or [0]) for r in ("worker", "target")}
    memory = [json.loads(line) for line in open(prefix + "-memory.jsonl")] if os.path.exists(prefix + "-memory.jsonl") else []
    for m in memory:
        m["held"] = held_at(m["epoch"])
    mem_peak = {}
    for r in ("worker", "target"):
        live = [m for m in memory if m["role"] == r and (m.get("afterFullGc") or m.get("atPlateau"))]
        mine = live or [m for m in memory if m["role"] == r and "nmtCommittedMiB" in m]
        if mine:
            top = max(mine, key=lambda m: (m["held"], m["rssMiB"]))
            top = dict(top)
            if "rssAnonNonHeapMiB" in top:
                # anonymous memory outside the heap that NMT does not account for: libwebrtc's and the C allocator's, roughly
                jvm_native = top["nmtCommittedMiB"] - top.get("nmtJavaHeapMiB", 0)
                top["jvmNativeCommittedMiB"] = round(jvm_native, 1)
                top["outsideJvmMiB"] = round(top["rssAnonNonHeapMiB"] - jvm_native, 1)
            mem_peak[r] = top
    clock = media.get("clock") or {}
    audio = media.get("audio") or {}
    thresholds = summary.get("thresholds") or []
    items = {i["item"]: i["status"] for i in signoff.get("items", [])}
    entry = {
        "level": level,
        "name": name,
        "profile": f"bench/{PROFILE_NAME}-{name}.json",
        "ratePerSec": summary["profile"]["load"].get("ratePerSec"),
        "runStart": summary["window"]["runStart"],
        "results": run_dir,
        "exitCode": int(exit_code),
        "status": summary.get("status"),
        "signoffVerdict": signoff.get("verdict"),
        "loadTestResultsAcceptable": items.get("LOAD_TEST_RESULTS_ACCEPTABLE"),
        "thresholdStatuses": {t["threshold"]: t["status"] for t in thresholds},
        "thresholdReasons": sorted({t.get("reason") for t in thresholds if t.get("reason") and t["status"] != "PASS"}),
        "conversationsHeldPeak": summary.get("peakSessionsHeld"),
        "conversationsHeldPlateau": {"floor": plateau_floor,
                                     "seconds": sum(1 for h in held_by_second if h >= plateau_floor)},
        "callsPlaced": media.get("callsPlaced"),
        "callsCompleted": media.get("callsCompleted"),
        "failures": media.get("failures"),
        "voiceToVoice": percentile_figures(summary, "voiceToVoice" + METRIC_SUFFIX),
        "timeToGreeting": percentile_figures(summary, "timeToGreeting" + METRIC_SUFFIX),
        "mediaSetup": percentile_figures(summary, "mediaSetup" + METRIC_SUFFIX),
        "audioClock": clock,
        "audio": audio,
        "injectorSchedule": {k: summary.get("injector", {}).get(k) for k in ("maxBehindSec", "behind", "maxCpuPercent")},
        "cpuPercentOfOneCoreAtPlateau": cpu,
        "rssMiB": {"peak": rss_peak, "firstSample": rss_first},
        "threadsPeak": threads_peak,
        "memoryAtPeak": mem_peak,
        "machineLoadAvgAtEnd": read("/proc/loadavg").split()[:3],
        "machineSpeed": machine_speed(),
    }
    if os.path.exists(prefix + "-threads.json"):
        entry["profileThreads"] = prefix + "-threads.json"
    doc = json.load(open(result_json)) if os.path.exists(result_json) else {}
    doc.setdefault("benchmark", "bench/media.sh: two-way audio conversations one injector holds (issue 16, part 4)")
    doc["machine"] = f"{os.cpu_count()} cores, {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, loopback"
    levels = [l for l in doc.get("levels", []) if l.get("name", str(l["level"])) != name] + [entry]
    levels.sort(key=lambda l: (l["level"], l.get("name", "")))
    base = next((l for l in levels if l["level"] == 1), None)
    for l in levels:
        v, b = l["voiceToVoice"], (base or {}).get("voiceToVoice") or {}
        if b.get("p50") is not None and v.get("p50") is not None:
            l["voiceToVoiceVsBaseline"] = {"baselineP50": b["p50"], "baselineP95": b["p95"],
                                           "p50DeltaMillis": v["p50"] - b["p50"],
                                           "p95DeltaMillis": (v["p95"] - b["p95"]) if v.get("p95") and b.get("p95") else None,
                                           "p50Within20Millis": abs(v["p50"] - b["p50"]) <= 20}
        # the pipeline: voice to voice less the agent's 500 ms endpointing and 800 ms reply delay
        if v.get("p50") is not None:
            l["pipelineP50Millis"] = v["p50"] - 1300
    # memory per conversation: least squares of the worker's (target's) peak figures over the peak held, across levels
    per_conv = {}
    # the live heap needs the full GC: use the levels sampled after one when there are two or more
    gc_levels = [l for l in levels if all(l.get("memoryAtPeak", {}).get(r, {}).get("afterFullGc") for r in ("worker", "target"))]
    memory_levels = gc_levels if len(gc_levels) >= 2 else levels
    for r in ("worker", "target"):
        for key in ("rssMiB", "heapUsedMiB", "rssHeapMiB", "rssAnonNonHeapMiB", "nmtCommittedMiB", "outsideJvmMiB"):
            pts = [(l["memoryAtPeak"][r]["held"], l["memoryAtPeak"][r].get(key)) for l in memory_levels
                   if r in l.get("memoryAtPeak", {}) and l["memoryAtPeak"][r].get(key) is not None]
            fit = least_squares(pts)
            if fit:
                per_conv.setdefault(r, {})[key.replace("MiB", "") + "MiBPerConversation"] = round(fit[0], 2)
                per_conv[r][key.replace("MiB", "") + "MiBAtZero"] = round(fit[1], 1)
    cpu_conv = {}
    for r in ("worker", "target"):
        # one call shape only: a level of longer calls ("150-long") costs less per conversation
        pts = [(l["conversationsHeldPeak"], l["cpuPercentOfOneCoreAtPlateau"][r]["mean"]) for l in levels
               if l.get("name", str(l["level"])).isdigit()
               and l["cpuPercentOfOneCoreAtPlateau"].get(r) and l["conversationsHeldPeak"]
               and l["audioClock"].get("latePercent", 100) <= 1.0]
        fit = least_squares(pts)
        if fit:
            cpu_conv[r] = {"percentOfOneCorePerConversation": round(fit[0], 2), "percentAtZero": round(fit[1], 1),
                           "fromLevels": [p[0] for p in pts]}
    doc["perConversation"] = {"memory": per_conv, "cpu": cpu_conv,
                              "memoryFromLevels": [l["level"] for l in memory_levels],
                              "how": "least-squares slope over the levels whose audio clock was late on <= 1% of ticks (CPU, "
                                     "plateau mean), and over the levels sampled after a full GC (memory, against the conversations "
                                     "held at that sample)"}
    doc["levels"] = levels
    json.dump(doc, open(result_json, "w"), indent=2)
    print(json.dumps({k: entry[k] for k in ("level", "status", "signoffVerdict", "exitCode", "conversationsHeldPeak",
                                            "voiceToVoice", "audioClock", "cpuPercentOfOneCoreAtPlateau", "rssMiB")}, indent=1))


if __name__ == "__main__":
    {"sample": sample, "report": report}[sys.argv[1]](*sys.argv[2:])
