# Counts the instructions of one pass through a hot path, function by function, by single-stepping
# a QEMU guest through its GDB stub. Run by Ocean.Packaging's PathTrace (./build.sh --target=Trace and
# a system test), which boots the benchmark program and sets these variables:
#   OCEAN_TRACE_PORT     the GDB stub's TCP port on localhost (1234 if unset)
#   OCEAN_TRACE_ELFS     ELF files whose symbols name the addresses (kernel and program), ':'-separated
#   OCEAN_TRACE_FROM     a function entered once before the loop (a hardware breakpoint: pages come later)
#   OCEAN_TRACE_LOOP     a function entered once per pass of the loop
#   OCEAN_TRACE_WHEN     a GDB condition that picks the pass's own entries (say, a system call number)
#   OCEAN_TRACE_SKIP     passes to let run first, so that caches and lazily built state are warm
#   OCEAN_TRACE_LIMIT    steps at most (a path that never comes back is reported, not followed forever)
#   OCEAN_TRACE_USER     "one": count user mode as one entry, "user mode" (programs that share addresses)
#   OCEAN_TRACE_PCS      optional: a file to write every address stepped, in order (to read beside objdump)
# QEMU's single-step keeps interrupts and timers off, so the pass is exactly the code under test.
import bisect
import collections
import os
import subprocess

import gdb


def symbols(paths):
    table = []
    for path in paths:
        out = subprocess.run(["nm", "-n", "--defined-only", path], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                table.append((int(parts[0], 16), parts[2]))
    table.sort()
    return [a for a, _ in table], [n for _, n in table]


def name_of(addresses, names, pc):
    i = bisect.bisect_right(addresses, pc) - 1
    return names[i] if i >= 0 else hex(pc)


def short(name):
    # ilc's symbols repeat the assembly and namespace: keep Class__Method.
    for prefix in ("Ocean_Kernel_Ocean_Kernel_", "Ocean_LibOcean_Ocean_", "Ocean_Libc_Ocean_Libc_", "Ocean_CoreLib_",
                   "Ocean_Tests_Bench_Ocean_Tests_Bench_"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def pc():
    return int(gdb.parse_and_eval("$pc")) & 0xFFFFFFFFFFFFFFFF


elfs = os.environ["OCEAN_TRACE_ELFS"].split(":")
addresses, names = symbols(elfs)
loop = os.environ["OCEAN_TRACE_LOOP"]
when = os.environ.get("OCEAN_TRACE_WHEN", "1")
limit = int(os.environ.get("OCEAN_TRACE_LIMIT", "20000"))
user_as_one = os.environ.get("OCEAN_TRACE_USER", "") == "one"
loop_address = addresses[names.index(loop)]

gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("file " + elfs[0])
gdb.execute("target remote localhost:%s" % os.environ.get("OCEAN_TRACE_PORT", "1234"))
gdb.execute("hbreak *%#x" % addresses[names.index(os.environ["OCEAN_TRACE_FROM"])])
gdb.execute("continue")
gdb.execute("delete")
gdb.execute("hbreak *%#x if %s" % (loop_address, when))
gdb.execute("ignore 2 %d" % int(os.environ.get("OCEAN_TRACE_SKIP", "50")))
gdb.execute("continue")
gdb.execute("delete")

counts = collections.Counter()
pcs = [] if os.environ.get("OCEAN_TRACE_PCS") else None
kernel = 0
steps = 0
while True:
    here = pc()
    in_kernel = here >= 0xFFFF800000000000
    counts["user_mode" if user_as_one and not in_kernel else name_of(addresses, names, here)] += 1
    kernel += in_kernel
    if pcs is not None:
        pcs.append(here)
    gdb.execute("stepi", to_string=True)
    steps += 1
    if pc() == loop_address and int(gdb.parse_and_eval(when)) != 0:
        break
    if steps >= limit:
        print("trace: the pass did not come back within %d instructions" % limit)
        break

if pcs is not None:
    with open(os.environ["OCEAN_TRACE_PCS"], "w") as out:
        out.writelines("%x %s\n" % (a, short(name_of(addresses, names, a))) for a in pcs)
print("trace: %d instructions in one pass (%d in the kernel, %d in user mode)" % (steps, kernel, steps - kernel))
for name, count in counts.most_common():
    print("trace: %6d  %s" % (count, short(name)))
gdb.execute("kill")
