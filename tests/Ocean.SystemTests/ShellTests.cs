namespace Ocean.SystemTests;

using System.Diagnostics;
using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The default image boots to init, which starts the shell on the console; a session is typed as a
/// person would: one line at each prompt.
/// </summary>
public class ShellTests
{
    private const string Prompt = "ocean$ ";
    /// <summary>What the services print when they start (booted without a disk).</summary>
    [Fact]
    public void ASessionAtTheShell()
    {
        string[] lines =
        {
            "help",
            "echo 'single  quoted' \"double $? quoted\" back\\ slash",
            "pid",
            "version",
            "nosuchprogram",
            "echo status $?",
            "echo ${NOPE:-default} [${NOPE-}] ${HOME:-nohome}",
            "sh",
            "exit 3",
            "echo nested shell ended with $?",
            "echo 'unterminated",
            "/bin/echo external   echo",
            "false",
            "echo false gave $?",
            "true",
            "echo true gave $?",
            "sleep 1",
            "sleep soon",
            "echo sleep soon gave $?",
            "kill 9999",
            "kill -0 $$",
            "echo probe gave $?",
            "kill -FOO 1",
            "kill -KILL 9999 -1",
            "echo one; echo two",
            "false && echo skipped; echo after and $?",
            "true && echo and ran || echo skipped",
            "nosuchprogram || echo or ran after $?",
            "echo 'a; b' && echo \"c || d\"",
            "echo x ;; echo y",
            // Subshells: their cd and variables stay in them; they pipe and redirect as a command does.
            "(cd /boot; pwd; X=1); pwd; echo [$X]",
            "(echo a; echo b) | wc -l",
            "(exit 4); echo sub gave $?",
            "(echo never",
            // test and [, and read from the console.
            "test -d /boot && [ 3 -lt 10 ] && echo both true",
            "[ -f /boot ] || test abc = abd || echo both false",
            "[ 1 -eq 1; echo bracket gave $?",
            "read first rest\ntwo words and more",   // the line read is typed ahead: cooked for read
            "echo [$first] [$rest]",
            "free",
            "free -m",
            "free -x",
            "cat\nmeow\n\u0004",
            // The shell's line editor: Ctrl-U erases the line, Ctrl-W the word before the cursor; Up
            // recalls the line before, Home, Right and End move in it, and no escape sequence reaches it.
            "echo rm -rf\u0015echo erased",
            "echo one two  \u0017three",
            "\u001b[A\u001bOH\u001b[C\u001b[C\u001b[C\u001b[C\u001b[Cstill \u001b[F more\u001b[1;5C",
            // History: !! is the last line (shown as it runs), `history` lists them; Tab completes a
            // command from /bin and a path.
            "echo bang",
            "!!",
            "history",
            "unam\t-s",
            "ls /bo\t",
            // The terminal's modes and window size (servers/tty, through libc's Terminal).
            "stty",
            "stty size",
            "stty rows 50 cols 132; stty size; stty rows 24 columns 80",
            "stty rows 0",
            "stty -fancy",
            "echo stty gave $?",
        };
        // One line per prompt; Ctrl-C for a command that reads the console (once it has copied a
        // record Ctrl-D handed it: "ready" echoed, then copied), and at an empty prompt; then Ctrl-D on an empty line.
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).ToList();
        session.Add(new ConsoleStep(Prompt, "cat\n"));
        session.Add(new ConsoleStep("cat\n", "ready\u0004"));
        session.Add(new ConsoleStep("readyready", "\u0003"));
        session.Add(new ConsoleStep(Prompt, "echo interrupted $?\n"));
        session.Add(new ConsoleStep(Prompt, "\u0003"));
        session.Add(new ConsoleStep("^C\n", "echo still here\n"));
        session.Add(new ConsoleStep(Prompt, "sleep 100\u0003"));
        session.Add(new ConsoleStep("^C\n", "echo dropped $?\n"));
        session.Add(new ConsoleStep(Prompt, "cat\n"));
        session.Add(new ConsoleStep("cat\n", "set\u0004"));
        session.Add(new ConsoleStep("setset", "\u001c"));
        session.Add(new ConsoleStep(Prompt, "echo quit $?\n"));
        // Ctrl-Z stops cat reading the console and the prompt comes back: the shell reads its lines
        // while cat waits stopped (its read takes nothing meanwhile), and fg lets cat read again.
        session.Add(new ConsoleStep(Prompt, "fg\n"));
        session.Add(new ConsoleStep(Prompt, "cat\n"));
        session.Add(new ConsoleStep("cat\n", "zed\u0004"));
        session.Add(new ConsoleStep("zedzed", "\u001a"));
        session.Add(new ConsoleStep("Stopped                 cat\n" + Prompt, "echo stopped $?\n"));
        session.Add(new ConsoleStep(Prompt, "jobs\n"));
        session.Add(new ConsoleStep(Prompt, "ps\n"));
        session.Add(new ConsoleStep(Prompt, "fg\n"));
        session.Add(new ConsoleStep("fg\ncat\n", "more\n\u0004"));
        session.Add(new ConsoleStep(Prompt, "echo fg gave $?\n"));
        // bg: a script stopped while it sleeps goes on without the console; the prompt after a
        // foreground command says it is done.
        session.Add(new ConsoleStep(Prompt, "echo 'echo zz; sleep 2; echo woke' > /tmp/z.sh\n"));
        session.Add(new ConsoleStep(Prompt, "sh /tmp/z.sh\n"));
        session.Add(new ConsoleStep("zz\n", "\u001a"));
        session.Add(new ConsoleStep("Stopped                 sh /tmp/z.sh\n" + Prompt, "bg\n"));
        session.Add(new ConsoleStep("sh /tmp/z.sh &\n" + Prompt, "sleep 3\n"));
        session.Add(new ConsoleStep("Done                    sh /tmp/z.sh\n" + Prompt, "echo fg gave $?\n"));
        // '&': a job in the background ("[1] PID", $!), listed as running, waited for; kill %N; a
        // background job that reads the console is stopped (SIGTTIN) and never takes the shell's
        // lines, until fg gives it the console.
        foreach (string line in new[] { "sleep 1 &", "echo bg pid $!", "jobs", "wait; echo waited $?", "sleep 5 &", "kill %1", "echo after kill",
                                        "cat &", "echo next", "echo and next", "wait %7", "kill %7", "fg %1" })
            session.Add(new ConsoleStep(Prompt, line + "\n"));
        session.Add(new ConsoleStep("fg %1\ncat\n", "late\n\u0004"));
        session.Add(new ConsoleStep(Prompt, "echo cat ended $?\n"));
        // No echo: cat's copy is all that shows. Raw mode: head reads one line as typed (echoed, with
        // its LF), and the line typed after it, unread when stty sane leaves raw mode, is cooked for
        // the shell, which runs it.
        session.Add(new ConsoleStep(Prompt, "stty -echo; echo quiet; cat; stty echo\n"));
        session.Add(new ConsoleStep("quiet\n", "secret\n\u0004"));
        session.Add(new ConsoleStep(Prompt, "stty raw; echo now raw; head -n 1; stty sane\n"));
        session.Add(new ConsoleStep("now raw\n", "xy\necho 'typed' ahead\n"));
        session.Add(new ConsoleStep("typed ahead\nocean$ ", "stty\n"));
        session.Add(new ConsoleStep(Prompt, "\u0004"));
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, OceanEnvironment.DefaultImage(), OceanEnvironment.Iso), OceanEnvironment.ImageDirectory,
            "init: starting sh again (restart 1)", TimeSpan.FromSeconds(90), session);
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", "shell-session.log"), run.Log);
        Boot.Require(run, run.MatchedExpectation, "the shell session did not end with init starting the shell again");
        Boot.RequireMatch(run, @"^ocean\$ help\nBuilt-in commands:$");
        Boot.RequireMatch(run, @"^single  quoted double 0 quoted back slash$");
        Boot.RequireMatch(run, @"^ocean\$ pid\n\d+$");                       // the shell's own process id
        // version: the kernel and every module, with the versions the manifest composed.
        ImageManifest manifest = OceanEnvironment.Manifest;
        Boot.RequireMatch(run, $@"^ocean\$ version\n{Regex.Escape(manifest.Kernel.Package)}@{Regex.Escape(manifest.Kernel.Version)}$");
        foreach (ComponentRef module in manifest.Modules)
            Boot.RequireMatch(run, $@"^{Regex.Escape(module.Package)}@{Regex.Escape(module.Version)}$");
        Boot.RequireMatch(run, @"^sh: nosuchprogram: command not found$");
        Boot.RequireMatch(run, @"^status 127$");
        Boot.RequireMatch(run, @"^default \[\] /\S*$");   // ${NAME:-word} and ${NAME-word}; HOME is set
        Boot.RequireMatch(run, @"^nested shell ended with 3$");
        Boot.RequireMatch(run, @"^sh: unterminated quote$");
        // The utilities, each its own package, run as external commands.
        Boot.RequireMatch(run, @"^external echo$");
        Boot.RequireMatch(run, @"^false gave 1$");
        Boot.RequireMatch(run, @"^true gave 0$");
        Boot.RequireMatch(run, @"^usage: sleep SECONDS \(0 to 86400\)$");
        Boot.RequireMatch(run, @"^sleep soon gave 2$");
        Boot.RequireMatch(run, @"^kill: 9999: no such process$");
        Boot.RequireMatch(run, @"^probe gave 0$");   // signal 0: the shell itself could be signalled
        Boot.RequireMatch(run, @"^kill: FOO: no such signal\nusage: kill \[-SIGNAL\] PID\.\.\.$");
        Boot.RequireMatch(run, @"^ocean\$ kill -KILL 9999 -1\nkill: 9999: no such process\nkill: -1: not a process id$");
        // Lists: ';' runs both, '&&' only after a success, '||' only after a failure, and $? is the
        // status the pipeline before left; quoted operators are text.
        Boot.RequireMatch(run, @"^ocean\$ echo one; echo two\none\ntwo$");
        Boot.RequireMatch(run, @"^after and 1$");
        Boot.RequireMatch(run, @"^and ran$");
        Boot.RequireMatch(run, @"^sh: nosuchprogram: command not found\nor ran after 127$");
        Boot.RequireMatch(run, @"^a; b\nc \|\| d$");
        Boot.RequireMatch(run, @"^ocean\$ echo x ;; echo y\nsh: a command is missing next to ';', '&&' or '\|\|'$");
        Boot.RequireMatch(run, @"^ocean\$ \(cd /boot; pwd; X=1\); pwd; echo \[\$X\]\n/boot\n/\n\[\]$");
        Boot.RequireMatch(run, @"^ocean\$ \(echo a; echo b\) \| wc -l\n +2$");
        Boot.RequireMatch(run, @"^sub gave 4$");
        Boot.RequireMatch(run, @"^both true$");
        Boot.RequireMatch(run, @"^both false$");
        Boot.RequireMatch(run, @"^sh: \[: missing '\]'\nbracket gave 2$");
        Boot.RequireMatch(run, @"^\[two\] \[words and more\]$");
        Boot.RequireMatch(run, @"^ocean\$ \(echo never\nsh: unterminated \($");
        Boot.Require(run, !Regex.IsMatch(run.Log, @"^skipped$", RegexOptions.Multiline), "a pipeline ran whose list condition did not hold");
        // free: the total is the boot log's, used and free add up to it; the programs' and the kernel's
        // shares are in use, and nothing is shared yet (no shared-memory object exists).
        ulong bootTotal = ulong.Parse(Boot.RequireMatch(run, @"^Memory \(after reclaiming bootloader memory\): total (\d+) KiB").Groups[1].Value);
        Match free = Boot.RequireMatch(run, @"^ocean\$ free\n +total +used +free +user +kernel +shared\nMem: +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$");
        ulong total = ulong.Parse(free.Groups[1].Value), used = ulong.Parse(free.Groups[2].Value);
        ulong freeKiB = ulong.Parse(free.Groups[3].Value), user = ulong.Parse(free.Groups[4].Value);
        ulong kernel = ulong.Parse(free.Groups[5].Value), shared = ulong.Parse(free.Groups[6].Value);
        Boot.Require(run, total == bootTotal && used + freeKiB == total && kernel > 0 && user > 0 && user + kernel < used && shared == 0,
            $"free says total {total}, used {used}, free {freeKiB}, user {user}, kernel {kernel}, shared {shared} KiB; the boot log's total is {bootTotal} KiB");
        Match freeMiB = Boot.RequireMatch(run, @"^ocean\$ free -m\n +total +used +free +user +kernel +shared\nMem: +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+$");
        Boot.Require(run, ulong.Parse(freeMiB.Groups[1].Value) == bootTotal / 1024, "free -m does not give the total in MiB");
        Boot.RequireMatch(run, @"^ocean\$ free -x\nusage: free \[-m\]$");
        Boot.RequireMatch(run, @"^meow\n\n?meow$");
        Boot.RequireMatch(run, @"^erased$");
        Boot.RequireMatch(run, @"^one three$");
        Boot.RequireMatch(run, @"^still one three more$");
        Boot.RequireMatch(run, @"^ocean\$ !!\necho bang\nbang$");
        Match history = Boot.RequireMatch(run, @"^ocean\$ history\n((?: +\d+  .*\n)+)");
        Boot.Require(run, Regex.IsMatch(history.Groups[1].Value, @"^ +1  help\n(.*\n)* +\d+  echo bang\n +\d+  history\n$"),
            "history does not list the lines run, numbered, with `!!` as the line it ran");
        Boot.RequireMatch(run, @"^ocean\$ uname -s\nOcean$");
        Boot.RequireMatch(run, @"^ocean\$ ls /boot/\n(\S+\n)*ocean/$");
        Boot.RequireMatch(run, @"^dropped 130$");   // Ctrl-C while typing: a fresh prompt, and $? as after an interrupted command
        // Ctrl-C: SIGINT to the foreground pipeline (the shell says nothing, $? is 128 + 2); at the
        // prompt the shell, which ignores it, goes on (the one restart below is Ctrl-D's).
        Boot.RequireMatch(run, @"^interrupted 130$");
        Boot.RequireMatch(run, @"^still here$");
        Boot.RequireMatch(run, @"^sh: cat: killed by signal 3\nocean\$ echo quit \$\?\nquit 131$");   // Ctrl-\: SIGQUIT
        Boot.Require(run, !run.Log.Contains("killed by signal 2"), "the shell reported a Ctrl-C as a kill");   // typed (echoed, with the line end typed after Ctrl-D), then copied by cat
        Boot.RequireMatch(run, @"^ocean\$ stty\nrows 24; columns 80;\nicanon echo isig$");
        Boot.RequireMatch(run, @"^ocean\$ stty size\n24 80$");
        Boot.RequireMatch(run, @"^ocean\$ stty rows 50 cols 132; stty size; stty rows 24 columns 80\n50 132$");
        Boot.RequireMatch(run, @"^ocean\$ stty rows 0\nstty: invalid integer argument: '0'\nusage: stty .*$");
        Boot.RequireMatch(run, @"^stty: invalid argument '-fancy'\nusage: stty .*\nocean\$ echo stty gave \$\?\nstty gave 1$");
        Boot.RequireMatch(run, @"^quiet\nsecret\nocean\$ ");   // typed without echo: only cat's copy
        // The echo in raw mode, then head's copy (tty's echo of the next line may come between, or into it).
        Match raw = Boot.RequireMatch(run, @"^now raw\nxy\n");
        Boot.Require(run, Regex.Matches(run.Log.Substring(raw.Index), "xy").Count >= 2, "head did not copy the line it read in raw mode");
        // Shown by tty when typed, then on its prompt by the shell's editor (as bash's readline does).
        Boot.RequireMatch(run, @"^ocean\$ echo 'typed' ahead\ntyped ahead$");
        Boot.RequireMatch(run, @"^ocean\$ stty\nrows 24; columns 80;\nicanon echo isig\nocean\$ $");   // sane again
        // Job control: Ctrl-Z, jobs, fg, bg, and the statuses.
        Boot.RequireMatch(run, @"^sh: fg: no current job$");
        Boot.RequireMatch(run, @"^zedzed\^Z\n\[1\]\+  Stopped                 cat$");
        Boot.RequireMatch(run, @"^ocean\$ jobs\n\[1\]\+  Stopped                 cat$");
        Boot.RequireMatch(run, @"^stopped 148$");   // 128 + SIGTSTP
        Boot.RequireMatch(run, @" stopped +\S*cat$");   // ps
        Boot.RequireMatch(run, @"^ocean\$ fg\ncat\nmore\nmore$");
        Boot.RequireMatch(run, @"^zz\n\^Z\n\[1\]\+  Stopped                 sh /tmp/z\.sh$");
        Boot.RequireMatch(run, @"^ocean\$ bg\n\[1\]\+ sh /tmp/z\.sh &$");
        Boot.RequireMatch(run, @"^woke$");
        Boot.RequireMatch(run, @"^\[1\]\+  Done                    sh /tmp/z\.sh$");
        Boot.Require(run, Regex.Matches(run.Log, @"^fg gave 0$", RegexOptions.Multiline).Count == 2, "fg's job did not end with status 0");
        string backgroundPid = Boot.RequireMatch(run, @"^ocean\$ sleep 1 &\n\[1\] (\d+)$").Groups[1].Value;
        Boot.RequireMatch(run, $@"^bg pid {backgroundPid}$");
        Boot.RequireMatch(run, @"^ocean\$ jobs\n\[1\]\+  Running                 sleep 1 &$");
        Boot.RequireMatch(run, @"^waited 0$");
        Boot.RequireMatch(run, @"^\[1\]\+  Terminated              sleep 5$");   // reported before a prompt
        Boot.RequireMatch(run, @"^\[1\]\+  Stopped \(tty input\)     cat$");   // before one of the next prompts
        Boot.RequireMatch(run, @"^ocean\$ echo and next\nand next$");                // the shell's line, not cat's
        Boot.RequireMatch(run, @"^ocean\$ fg %1\ncat\nlate\nlate\nocean\$ echo cat ended \$\?\ncat ended 0$");
        Boot.RequireMatch(run, @"^ocean\$ wait %7\nsh: wait: %7: no such job$");
        Boot.RequireMatch(run, @"^ocean\$ kill %7\nsh: kill: %7: no such job$");
        // Ctrl-D on the empty line ended the shell with the last status (cat's 0); init started it again.
        Boot.RequireMatch(run, @"^init: sh exited with status 0$");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
    }

    /// <summary>
    /// init as a service manager, seen from the shell: the services it runs (from the composition),
    /// ps, pipes, variables, cd and pwd through the VFS service, a faulting command, a killed shell,
    /// the VFS killed and restarted by init (and answering again), and power-off on request.
    /// The test image is booted with init as PID 1, so utest's fault sub-command is at hand.
    /// </summary>
    [Fact]
    public void ServicesPipesVariablesAndPowerOff()
    {
        ComposedImage image = OceanEnvironment.TestImage();
        image = image with { Kernel = image.Kernel with { Cmdline = "" } };   // init is PID 1, not utest
        int vfs = OceanEnvironment.ServicePid("vfs"), blk = OceanEnvironment.ServicePid("blk");
        int ext2 = OceanEnvironment.ServicePid("ext2"), sh = OceanEnvironment.ServicePid("sh");
        int tty = OceanEnvironment.ServicePid("tty");
        string[] lines =
        {
            "services",
            "ps",
            "ps -T",
            "ps -x",
            "echo ps gave $?",
            "echo one two | cat | cat",
            "echo piped | false | true",
            "echo status $?",
            "GREETING='hi there'",
            "echo \"$GREETING!\" ${GREETING}x",
            "export PLANET=ocean",
            "export",
            "unset GREETING",
            "echo [$GREETING]",
            "pwd",
            "cd /tmp",
            "pwd",
            "cd ../boot/./",
            "pwd",
            "cd /nowhere",
            "echo cd gave $?",
            "cd",
            "pwd",
            "utest fault 7",
            "echo fault gave $?",
            "utest fault 1",
            "echo null gave $?",
            "utest fatal",
            "utest throw",
            "echo throw gave $?",
            "sh",
            "kill $$",
            "echo killed shell gave $?",
            "echo | | cat",
            // The process and memory servers cannot be killed; the VFS can (init restarts it).
            "kill 2 3",
            $"kill {vfs}",
        };
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).ToList();
        // Once init has restarted the VFS, cd works again through a fresh capability. The restart line and
        // the prompt after the kill come in either order: a marker's own output shows the shell is idle again.
        // The marker's output differs from the typed line (an unset variable splits it), so the echo
        // of the keys never matches, whether the shell's prompt comes before or after them. The new
        // VFS's own "started" line is waited for first: it may otherwise land between the marker's
        // output and the prompt after it.
        session.Add(new ConsoleStep("vfs: started\n", "echo vfs-${UNSET}back\n"));
        session.Add(new ConsoleStep("vfs-back\n" + Prompt, "cd /tmp\n"));
        session.Add(new ConsoleStep(Prompt, "pwd\n"));
        session.Add(new ConsoleStep(Prompt, "services\n"));
        // The terminal service killed: the kernel's own discipline takes the keys until init has
        // started it again; then Ctrl-U works again, which only the terminal service does.
        session.Add(new ConsoleStep(Prompt, $"kill {tty}\n"));
        session.Add(new ConsoleStep("tty: serving the console (COM1)\n", "echo stale\u0015echo tty-${UNSET}back\n"));
        session.Add(new ConsoleStep("tty-back\n" + Prompt, "poweroff\n"));
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, image, OceanEnvironment.Iso), image.Directory,
            expect: null, TimeSpan.FromSeconds(120), session);   // runs until the machine switches itself off
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", "services-session.log"), run.Log);
        Boot.Require(run, !run.TimedOut && run.ExitCode == 0, "the machine did not switch itself off (ACPI S5) at the end of the session");
        Boot.RequireLine(run, "ocean: powering off");
        Boot.RequireLine(run, "blk: no disk on the primary ATA channel");

        RequireStackTrace(run, Path.Combine(image.Directory, "boot", "ocean", "utest.elf"));
        // An exception nobody catches: its type and message and the trace from the thrower, then status 134.
        Boot.RequireMatch(run, @"^ocean\$ utest throw\nUnhandled exception: Ocean_CoreLib_System_InvalidOperationException: deep\n  at 0x[0-9a-f]{16} \S+__ThrowDeep\+0x[0-9a-f]+\n  at 0x[0-9a-f]{16} \S+__ThrowDeep\+0x[0-9a-f]+\n  at 0x[0-9a-f]{16} \S+__ThrowDeep\+0x[0-9a-f]+\n  at 0x[0-9a-f]{16} \S+__Main\+");
        Boot.RequireMatch(run, @"^throw gave 134$");
        // A null reference nobody catches is an exception too, thrown from the faulting instruction.
        Boot.RequireMatch(run, @"^ocean\$ utest fault 1\nUnhandled exception: Ocean_CoreLib_System_NullReferenceException: null reference\n  at 0x[0-9a-f]{16} \S+__Fault\+0x[0-9a-f]+\n  at 0x[0-9a-f]{16} \S+__Main\+");
        Boot.RequireMatch(run, @"^null gave 134$");

        ImageManifest manifest = image.Manifest;
        string Version(string package) => Regex.Escape(manifest.Modules.Single(m => m.Package == package).Version);
        // services: what the composition listed, running, with pids and versions.
        Boot.RequireMatch(run, @"^ocean\$ services\nSERVICE\s+PID\s+STATE\s+RESTARTS\s+VERSION$");
        Boot.RequireMatch(run, $@"^vfs\s+{vfs}\s+running\s+0\s+{Version("Ocean.Servers.Vfs")}$");
        Boot.RequireMatch(run, $@"^blk\s+{blk}\s+running\s+0\s+{Version("Ocean.Servers.Blk")}$");
        Boot.RequireMatch(run, $@"^ext2\s+{ext2}\s+running\s+0\s+{Version("Ocean.Servers.Ext2")}$");
        Boot.RequireMatch(run, $@"^sh\s+{sh}\s+running\s+0\s+{Version("Ocean.Servers.Sh")}$");
        // Booted without a disk, blk and ext2 said so and stay up (no restarts).
        // ps (answered by the process server): init, proc and mem, which the kernel started (no parent;
        // each leads its own process group and session), then the VFS, blk (with its interrupt
        // fallback thread), ext2 and the shell, each with its parent, in init's group and session.
        // The CPU column: where each one's first thread runs (or ran last), one of the machine's 2; RSS:
        // the KiB each has mapped (from the memory server), never none for a running program; TIME: m:ss.hh.
        Boot.RequireMatch(run, @"^\s*PID\s+PPID\s+PGID\s+SID\s+THR\s+CPU\s+RSS\s+TIME\s+STATE\s+COMMAND$");
        const string Rss = @"[1-9]\d*\s+\d+:[0-5]\d\.\d\d";   // and the CPU time
        Boot.RequireMatch(run, $@"^\s*1\s+0\s+1\s+1\s+[12]\s+[01]\s+{Rss}\s+running\s+\S*init\S*$");   // init's start-up timer thread may still be there
        Boot.RequireMatch(run, $@"^\s*2\s+0\s+2\s+2\s+1\s+[01]\s+{Rss}\s+running\s+\S*proc\S*$");
        Boot.RequireMatch(run, $@"^\s*3\s+0\s+3\s+3\s+1\s+[01]\s+{Rss}\s+running\s+\S*mem\S*$");
        Boot.RequireMatch(run, $@"^\s*{vfs}\s+1\s+1\s+1\s+1\s+[01]\s+{Rss}\s+running\s+\S*vfs\S*$");
        Boot.RequireMatch(run, $@"^\s*{blk}\s+1\s+1\s+1\s+2\s+[01]\s+{Rss}\s+running\s+\S*blk\S*$");
        Boot.RequireMatch(run, $@"^\s*{ext2}\s+1\s+1\s+1\s+1\s+[01]\s+{Rss}\s+running\s+\S*ext2\S* 1 /mnt$");   // its command line
        Boot.RequireMatch(run, $@"^\s*(\d+)\s+{sh}\s+\1\s+1\s+1\s+[01]\s+{Rss}\s+running\s+\S*ps\S*$");   // a pipeline leads its own group
        // ps -T: a line per thread, with the CPU each runs on or ran on last; blk has two threads, ps runs.
        Boot.RequireMatch(run, @"^\s*PID\s+TID\s+CPU\s+STATE\s+PRI\s+COMMAND$");
        var blkThreads = Regex.Matches(run.Log, $@"^\s*{blk}\s+(\d+)\s+[01]\s+(ready|running|blocked|sleeping)\s+\d+\s+\S*blk\S*$", RegexOptions.Multiline);
        Boot.Require(run, blkThreads.Count == 2 && blkThreads[0].Groups[1].Value != blkThreads[1].Groups[1].Value,
            "ps -T does not list blk's two threads with their own ids");
        Boot.RequireMatch(run, @"^\s*\d+\s+\d+\s+[01]\s+running\s+\d+\s+\S*ps\S*$");
        Boot.RequireMatch(run, @"^usage: ps \[-T\]\nocean\$ echo ps gave \$\?\nps gave 2$");
        // Pipes: data flows through two cat processes; a pipeline's status is its last command's.
        Boot.RequireMatch(run, @"^ocean\$ echo one two \| cat \| cat\none two$");
        Boot.RequireMatch(run, @"^status 0$");
        // Variables: assignment, quoting, braces, export (to the environment) and unset.
        Boot.RequireMatch(run, @"^hi there! hi therex$");
        Boot.RequireMatch(run, @"^PLANET=ocean$");
        Boot.RequireMatch(run, @"^GREETING=hi there$");
        Boot.RequireMatch(run, @"^\[\]$");
        // cd and pwd, checked against the VFS.
        Boot.RequireMatch(run, @"^ocean\$ pwd\n/\n");
        Boot.RequireMatch(run, @"^ocean\$ cd /tmp\nocean\$ pwd\n/tmp$");
        Boot.RequireMatch(run, @"^ocean\$ pwd\n/boot$");
        Boot.RequireMatch(run, @"^sh: cd: /nowhere: no such directory$");
        Boot.RequireMatch(run, @"^cd gave 1$");
        Boot.RequireMatch(run, @"^ocean\$ cd\nocean\$ pwd\n/$");
        // A command that writes through a wild pointer is killed; the shell goes on.
        Boot.RequireMatch(run, @"^sh: utest: killed by signal 11$");
        Boot.RequireMatch(run, @"^fault gave 139$");
        Boot.RequireMatch(run, @"^sh: sh: killed by signal 15$");   // kill's default is SIGTERM, as Unix's
        Boot.RequireMatch(run, @"^killed shell gave 143$");
        Boot.RequireMatch(run, @"^sh: a command is missing next to '\|'$");
        // The VFS killed: init reports it, restarts it with a fresh endpoint, and clients find it again.
        Boot.RequireMatch(run, @"^kill: 2: not permitted\nkill: 3: not permitted$");
        Boot.RequireMatch(run, $@"init: vfs \(pid {vfs}\) killed by signal 15$");   // may follow the shell's prompt on its line
        Boot.RequireMatch(run, @"^ocean\$ pwd\n/tmp$");
        Boot.RequireMatch(run, $@"^vfs\s+\d+\s+running\s+1\s+{Version("Ocean.Servers.Vfs")}$");
        Boot.RequireMatch(run, $@"^tty\s+{tty}\s+running\s+0\s+{Version("Ocean.Servers.Tty")}$");
        Boot.RequireMatch(run, $@"init: tty \(pid {tty}\) killed by signal 15$");
        Boot.RequireMatch(run, @"^tty-back$");
        Boot.RequireMatch(run, @"^init: powering off$");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
    }

    /// <summary>
    /// Files through the VFS, typed at the shell: the RAM file system with /bin and the read-only /boot,
    /// redirection in and out, and every file utility, with the errors a user would make.
    /// </summary>
    [Fact]
    public void FilesInTheShell()
    {
        string[] lines =
        {
            "ls /",
            "ls /bin",
            "echo hello > /tmp/a.txt",
            "cat /tmp/a.txt",
            "echo more >> /tmp/a.txt",
            "cat < /tmp/a.txt",
            // Standard error redirected: to a file (2>, 2>>), into the pipe with standard output (2>&1);
            // standard output to standard error (>&2); a descriptor the shell does not redirect.
            "cat /tmp/none 2> /tmp/err.txt; echo cat gave $?",
            "cat /tmp/none 2>> /tmp/err.txt",
            "cat /tmp/err.txt",
            "cat /tmp/none 2>&1 | wc -l",
            "echo to-error >&2 | wc -l",
            "echo x 3> /tmp/y",
            "dd if=/tmp/a.txt of=/tmp/dd.txt bs=4",
            "cat /tmp/dd.txt",
            "rm /tmp/dd.txt",
            "dd if=/tmp/nothing",
            "dd bs=0",
            "cd /bin",
            "./echo from bin",
            "cd /tmp",
            "echo relative > r.txt",
            "cat /tmp/r.txt",
            "rm r.txt",
            "ls -l",
            "cp a.txt b.txt",
            "mv b.txt c.txt",
            "ls",
            "cat c.txt | cat",
            "mkdir d",
            "touch d/e",
            "rmdir d",
            "rm d/e",
            "rmdir d",
            "ls",
            "cat nothing",
            "echo cat gave $?",
            "echo x > /boot/x",
            "rm /boot/ocean/sh.elf",
            "mv a.txt /",
            "cat /a.txt",
            "mount",
            "df",
            "ls -l /boot/ocean",
            "/bin/echo through the VFS",
            "./nothing",
            // Pathname expansion and command substitution.
            "mkdir /tmp/g",
            "touch /tmp/g/one.txt /tmp/g/two.txt /tmp/g/three.md /tmp/g/.hidden.txt",
            "echo /tmp/g/*.txt",
            "cd /tmp/g",
            "echo t*.* [o]ne.??? '*.txt' *.none",
            "echo inside > one.txt",
            "echo [$(cat one.txt)] [`cat one.txt`] \"$(ls)\"",
            "NAMES=$(ls *.md); echo got $NAMES",
            "echo $(echo a; echo b) $(nosuchcommand)",
            "echo $(echo unterminated",
            "echo many" + string.Concat(Enumerable.Repeat("$(echo x)", 17)),   // more than a process has descriptors: each pipe is closed
            // Scripts: sh FILE in a new shell, source (and .) in this one.
            "echo '# a script' > /tmp/s.sh",
            "echo 'echo from the script; SCRIPTED=yes' >> /tmp/s.sh",
            "echo 'false && echo never' >> /tmp/s.sh",
            "sh /tmp/s.sh",
            "echo script gave $? [$SCRIPTED]",
            ". /tmp/s.sh",
            "echo sourced [$SCRIPTED]",
            "sh /tmp/nothing.sh",
            "echo missing gave $?",
        };
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).Append(new ConsoleStep(Prompt, "exit\n")).ToList();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, OceanEnvironment.DefaultImage(), OceanEnvironment.Iso), OceanEnvironment.ImageDirectory,
            "init: starting sh again (restart 1)", TimeSpan.FromSeconds(90), session);
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", "files-session.log"), run.Log);
        Boot.Require(run, run.MatchedExpectation, "the session did not end with init starting the shell again");
        Boot.RequireMatch(run, @"^ocean\$ ls /\nbin/\nboot/\nmnt/\ntmp/$");
        // Wildcards: matches sorted, hidden names only when named, quoted and unmatched words kept.
        Boot.RequireMatch(run, @"^ocean\$ echo /tmp/g/\*\.txt\n/tmp/g/one\.txt /tmp/g/two\.txt$");
        Boot.RequireMatch(run, @"^three\.md two\.txt one\.txt \*\.txt \*\.none$");
        // Substitutions: $( ) and backquotes, quoted (newlines kept) and not (split into words).
        Boot.RequireMatch(run, @"^\[inside\] \[inside\] (\.hidden\.txt\n)?one\.txt\nthree\.md\ntwo\.txt$");
        Boot.RequireMatch(run, @"^got three\.md$");
        Boot.RequireMatch(run, @"^sh: nosuchcommand: command not found\na b$");
        Boot.RequireMatch(run, @"^ocean\$ echo \$\(echo unterminated\nsh: unterminated \$\( or `$");
        Boot.RequireMatch(run, @"^manyxxxxxxxxxxxxxxxxx$");
        Boot.RequireMatch(run, @"^ocean\$ sh /tmp/s\.sh\nfrom the script\nocean\$ echo script gave \$\? \[\$SCRIPTED\]\nscript gave 1 \[\]$");
        Boot.RequireMatch(run, @"^ocean\$ \. /tmp/s\.sh\nfrom the script\nocean\$ echo sourced \[\$SCRIPTED\]\nsourced \[yes\]$");
        Boot.RequireMatch(run, @"^sh: /tmp/nothing\.sh: .+\nocean\$ echo missing gave \$\?\nmissing gave 127$");
        Boot.RequireMatch(run, @"^ocean\$ ls /bin\n(\S+\n)*echo\n");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/a.txt\nhello$");
        Boot.RequireMatch(run, @"^ocean\$ cat < /tmp/a.txt\nhello\nmore$");
        // dd copies in blocks (here 4 bytes) and says how much went how fast.
        Boot.RequireMatch(run, @"^ocean\$ dd if=/tmp/a.txt of=/tmp/dd.txt bs=4\n11 bytes \(0 MiB\) copied, \d+ ms, \d+\.\d MB/s$");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/dd.txt\nhello\nmore$");
        Boot.RequireMatch(run, @"^dd: /tmp/nothing: no such file or directory$");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/none 2> /tmp/err\.txt; echo cat gave \$\?\ncat gave 1$");   // nothing on the console
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/none 2>> /tmp/err\.txt\nocean\$ ");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/err\.txt\ncat: /tmp/none: no such file or directory\ncat: /tmp/none: no such file or directory\nocean");
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/none 2>&1 \| wc -l\n +1$");
        Boot.RequireMatch(run, @"^ocean\$ echo to-error >&2 \| wc -l\n(to-error\n +0| +0\nto-error)$");
        Boot.RequireMatch(run, @"^ocean\$ echo x 3> /tmp/y\nsh: only 0<, 1> and 2> \(with >>\), 2>&1 and >&2 redirect descriptors$");
        Boot.RequireMatch(run, @"^ocean\$ dd bs=0\nusage: dd if=FILE \[of=FILE\] \[bs=BYTES \(up to 1048576\)\]$");
        // After cd, the shell's own redirection and a relative command start from the new directory.
        Boot.RequireMatch(run, @"^ocean\$ cat /tmp/r.txt\nrelative$");
        Boot.RequireMatch(run, @"^ocean\$ \./echo from bin\nfrom bin$");
        Boot.RequireMatch(run, @"^ocean\$ ls -l\n-\s+11 a.txt$");
        Boot.RequireMatch(run, @"^ocean\$ ls\na.txt\nc.txt$");
        Boot.RequireMatch(run, @"^ocean\$ cat c.txt \| cat\nhello\nmore$");
        Boot.RequireMatch(run, @"^rmdir: d: directory not empty$");
        Boot.RequireMatch(run, @"^ocean\$ rmdir d\nocean\$ ls\na.txt\nc.txt$");
        Boot.RequireMatch(run, @"^cat: nothing: no such file or directory$");
        Boot.RequireMatch(run, @"^cat gave 1$");
        Boot.RequireMatch(run, @"^sh: /boot/x: read-only file system$");
        Boot.RequireMatch(run, @"^rm: /boot/ocean/sh.elf: read-only file system$");
        Boot.RequireMatch(run, @"^ocean\$ cat /a.txt\nhello\nmore$");
        Boot.RequireMatch(run, @"^ocean\$ mount\n/ on ramfs \(rw\)$");
        Boot.RequireMatch(run, @"^FILESYSTEM\s+KIB\s+USED\s+FREE\s+MOUNTED ON\nramfs\s+\d+\s+\d+\s+\d+ /$");
        long shellSize = new FileInfo(Path.Combine(OceanEnvironment.ImageDirectory, "boot", "ocean", "sh.elf")).Length;
        Boot.RequireMatch(run, $@"^-\s+{shellSize} sh.elf$");
        Boot.RequireMatch(run, @"^through the VFS$");
        Boot.RequireMatch(run, @"^sh: ./nothing: command not found$");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
    }

    /// <summary>
    /// A fatal error writes the calls that led to it, each with its method (issue 19: the unwind
    /// tables kept and read, names from the table the build links in): "utest fatal" indexes past an
    /// array three calls deep. Each frame's name must be the one utest.elf's symbols give its address
    /// (one byte back: the call itself), and FatalInner, FatalMiddle and FatalOuter come in order.
    /// </summary>
    private static void RequireStackTrace(QemuRun run, string elf)
    {
        Match trace = Boot.RequireMatch(run, @"^ocean\$ utest fatal\nfatal: [^\n]+\n((?:  at 0x[0-9a-f]{16} \S+\+0x[0-9a-f]+\n)+)");
        MatchCollection frames = Regex.Matches(trace.Groups[1].Value, @"0x([0-9a-f]{16}) (\S+)\+0x([0-9a-f]+)");
        Boot.Require(run, frames.Count >= 3, $"the fatal error's trace has {frames.Count} frames");
        var symbols = new List<(ulong Address, string Name)>();
        var nm = Process.Start(new ProcessStartInfo("nm", $"-n --defined-only \"{elf}\"") { RedirectStandardOutput = true })!;
        foreach (string line in nm.StandardOutput.ReadToEnd().Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && (parts[1] == "T" || parts[1] == "t"))
                symbols.Add((Convert.ToUInt64(parts[0], 16), parts[2]));
        }
        nm.WaitForExit();
        var names = new List<string>();
        foreach (Match frame in frames)
        {
            ulong call = Convert.ToUInt64(frame.Groups[1].Value, 16) - 1;
            (ulong start, string symbol) = symbols.LastOrDefault(s => s.Address <= call);
            string printed = frame.Groups[2].Value;
            ulong offset = Convert.ToUInt64(frame.Groups[3].Value, 16);
            // The table writes ilc's doubled assembly-and-namespace prefix once: the printed name ends
            // one of the symbols at that address (an entry point has an alias: Main and OceanMain).
            bool named = symbols.Any(s => s.Address == start && s.Name.EndsWith(printed, StringComparison.Ordinal));
            Boot.Require(run, symbol != null && named && start + offset == call + 1,
                $"frame 0x{call + 1:x} is {symbol}+0x{call + 1 - start:x} in utest.elf, but the trace says {printed}+0x{offset:x}");
            names.Add(printed);
        }
        int inner = names.FindIndex(n => n.EndsWith("__FatalInner", StringComparison.Ordinal));
        Boot.Require(run, inner >= 0 && inner + 2 < names.Count && names[inner + 1].EndsWith("__FatalMiddle", StringComparison.Ordinal) &&
            names[inner + 2].EndsWith("__FatalOuter", StringComparison.Ordinal),
            $"the fatal error's trace does not name FatalInner, FatalMiddle, FatalOuter in order: {string.Join(", ", names)}");
    }
}
