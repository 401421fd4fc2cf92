namespace Ocean.Packaging;

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

/// <summary>How QEMU boots Ocean.</summary>
public enum BootPath
{
    /// <summary>QEMU loads the loader with -kernel (Multiboot 1) and the kernel and modules with -initrd.</summary>
    Direct,
    /// <summary>The ISO under SeaBIOS.</summary>
    IsoBios,
    /// <summary>The ISO under OVMF (UEFI).</summary>
    IsoUefi,
}

/// <summary>What a QEMU run printed on the serial console and how it ended.</summary>
public sealed record QemuRun(string Log, bool TimedOut, int? ExitCode, TimeSpan Elapsed, bool MatchedExpectation)
{
    /// <summary>When each session step was typed (its prompt had appeared), from QEMU's start.</summary>
    public IReadOnlyList<TimeSpan> StepTimes { get; init; } = [];
}

/// <summary>Builds QEMU command lines for each boot path and runs QEMU with a hard time limit.</summary>
public static class Qemu
{
    public const string Executable = "qemu-system-x86_64";
    public const string OvmfFirmware = "/usr/share/ovmf/OVMF.fd";
    public const int DefaultMemoryMiB = 256;
    public const int DefaultCpus = 2;

    /// <summary>Above this, guest RAM is a memory backend that reserves nothing up front (see <see cref="MemoryArguments"/>).</summary>
    public const int UnreservedMemoryAboveMiB = 16384;

    /// <summary>Arguments common to every run: q35, TCG, memory, CPUs, isa-debug-exit for status.</summary>
    public static List<string> BaseArguments(int memoryMiB, int cpus)
    {
        var args = new List<string> { "-accel", "tcg" };
        args.AddRange(MemoryArguments(memoryMiB));
        args.AddRange(["-smp", cpus.ToString(), "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]);
        return args;
    }

    /// <summary>
    /// The machine and its RAM. QEMU touches guest RAM only when the guest does, but a host that
    /// checks overcommit (Linux's default heuristic) refuses to map more than it has: so a large guest
    /// gets a RAM backend mapped without a reservation (<c>reserve=off</c>), and boots in as much host
    /// memory as the guest really uses.
    /// </summary>
    public static string[] MemoryArguments(int memoryMiB) => memoryMiB <= UnreservedMemoryAboveMiB
        ? ["-M", "q35", "-m", memoryMiB.ToString()]
        : ["-machine", "q35,memory-backend=ram", "-object", $"memory-backend-ram,id=ram,size={memoryMiB}M,reserve=off", "-m", $"{memoryMiB}M"];

    /// <summary>
    /// Deterministic time: the guest's clocks (TSC, PIT, LAPIC timer) advance with instructions executed,
    /// not with the host's clock, so timing checks do not depend on how busy the host is.
    /// </summary>
    public static readonly string[] InstructionCountedTime = { "-icount", "shift=0,sleep=off" };

    /// <summary>
    /// The legacy primary ATA channel (ports 0x1F0–0x1F7, control 0x3F6, IRQ 14) that q35 lacks (its disks
    /// are AHCI): an ISA IDE controller, for the block driver's disks.
    /// </summary>
    public static readonly string[] PrimaryAtaChannel = { "-device", "isa-ide,iobase=0x1f0,iobase2=0x3f6,irq=14,id=ide0" };

    /// <summary>
    /// QEMU command line for booting <paramref name="image"/>. <paramref name="disks"/> are raw images attached
    /// to the primary ATA channel: the first as master, the second as slave.
    /// </summary>
    public static List<string> Arguments(BootPath path, ComposedImage image, string isoPath, int memoryMiB = DefaultMemoryMiB, int cpus = DefaultCpus,
        IReadOnlyList<string>? disks = null)
    {
        List<string> args = BaseArguments(memoryMiB, cpus);
        args.AddRange(DiskArguments(disks ?? []));
        switch (path)
        {
            case BootPath.Direct:
                args.AddRange(new[] { "-kernel", image.LoaderBinary, "-initrd", BootConfig.QemuInitrd(image.Kernel, image.Modules) });
                break;
            case BootPath.IsoBios:
                args.AddRange(new[] { "-cdrom", isoPath });
                break;
            case BootPath.IsoUefi:
                args.AddRange(new[] { "-bios", OvmfFirmware, "-cdrom", isoPath });
                break;
        }
        return args;
    }

    /// <summary>Arguments attaching raw disk images to the primary ATA channel (none: no channel at all).</summary>
    public static List<string> DiskArguments(IReadOnlyList<string> disks)
    {
        if (disks.Count > 2)
            throw new ArgumentException("the primary ATA channel holds two disks at most", nameof(disks));
        var args = new List<string>();
        if (disks.Count == 0)
            return args;
        args.AddRange(PrimaryAtaChannel);
        for (int i = 0; i < disks.Count; i++)
        {
            // QEMU option values escape a comma by doubling it.
            string file = Path.GetFullPath(disks[i]).Replace(",", ",,");
            args.AddRange(new[]
            {
                "-drive", $"file={file},format=raw,if=none,id=disk{i}",
                "-device", $"ide-hd,drive=disk{i},bus=ide0.0,unit={i}",
            });
        }
        return args;
    }

    /// <summary>
    /// Runs QEMU headless (serial on stdout) in the image directory until the serial log contains
    /// <paramref name="expect"/>, QEMU exits, or the timeout passes; QEMU is always killed at the end.
    /// </summary>
    /// <remarks>
    /// <paramref name="input"/> is typed on the serial console once the log contains
    /// <paramref name="inputWhen"/> (at once when that is null).
    /// </remarks>
    public static QemuRun Run(IEnumerable<string> arguments, string workingDirectory, string? expect, TimeSpan timeout,
        string? input = null, string? inputWhen = null) =>
        Run(arguments, workingDirectory, expect, timeout, input is null ? [] : [new ConsoleStep(inputWhen ?? "", input)]);

    /// <summary>
    /// As above, typing a session step by step: each step's text is typed once its prompt appears on
    /// the console after the previous step was typed (the console is read as it comes, so a prompt
    /// without a line end counts). Typing only at prompts keeps the echo of input from mixing with
    /// the output of the command before.
    /// </summary>
    public static QemuRun Run(IEnumerable<string> arguments, string workingDirectory, string? expect, TimeSpan timeout,
        IReadOnlyList<ConsoleStep> session)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string a in arguments)
            start.ArgumentList.Add(a);
        // The monitor on a socket of its own: a run that times out asks it where every CPU is.
        string monitor = Path.Combine(Path.GetTempPath(), $"ocean-monitor-{Guid.NewGuid():N}.sock");
        foreach (string a in new[] { "-display", "none", "-serial", "stdio", "-monitor", $"unix:{monitor},server,nowait" })
            start.ArgumentList.Add(a);

        var log = new StringBuilder();
        var matched = new ManualResetEventSlim(false);
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        void Append(string text)
        {
            lock (log)
            {
                log.Append(text.Replace("\r", ""));
                if (expect is not null && log.ToString().Contains(expect, StringComparison.Ordinal))
                    matched.Set();
            }
        }
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Append(e.Data + "\n");
        };
        process.Start();
        process.BeginErrorReadLine();
        Task reader = Task.Run(() =>
        {
            var buffer = new char[4096];
            int count;
            while ((count = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
                Append(new string(buffer, 0, count));
        });

        int step = 0, searchFrom = 0;
        var stepTimes = new List<TimeSpan>();
        void TypeWhenDue()
        {
            if (step >= session.Count)
                return;
            lock (log)
            {
                if (log.ToString().IndexOf(session[step].When, searchFrom, StringComparison.Ordinal) < 0)
                    return;
                searchFrom = log.Length;
            }
            stepTimes.Add(watch.Elapsed);
            process.StandardInput.Write(session[step].Text);
            process.StandardInput.Flush();
            step++;
        }

        bool timedOut = false;
        while (!process.HasExited && !matched.IsSet)
        {
            TypeWhenDue();
            if (watch.Elapsed > timeout)
            {
                timedOut = true;
                break;
            }
            matched.Wait(20);
        }
        if (timedOut && !process.HasExited)
            Append(CpuRegisters(monitor));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.WaitForExit();
        reader.Wait(TimeSpan.FromSeconds(5));
        File.Delete(monitor);
        string text;
        lock (log)
            text = log.ToString();
        return new QemuRun(text, timedOut, process.HasExited ? process.ExitCode : null, watch.Elapsed, matched.IsSet) { StepTimes = stepTimes };
    }

    /// <summary>The monitor's "info registers -a" (every CPU's registers) for the log of a run that hung.</summary>
    private static string CpuRegisters(string monitorSocket)
    {
        var text = new StringBuilder("\n--- time-out: every CPU's registers (QEMU monitor, info registers -a) ---\n");
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(monitorSocket));
            socket.Send(Encoding.ASCII.GetBytes("info registers -a\n"));
            socket.ReceiveTimeout = 2000;
            var buffer = new byte[65536];
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(3))
            {
                int count = socket.Receive(buffer);
                if (count <= 0)
                    break;
                text.Append(Encoding.ASCII.GetString(buffer, 0, count).Replace("\r", ""));
                if (text.ToString().Contains("CPU#", StringComparison.Ordinal) && text.ToString().TrimEnd().EndsWith("(qemu)", StringComparison.Ordinal))
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            text.Append($"(the monitor did not answer: {e.Message})\n");
        }
        return text.ToString();
    }
}

/// <summary>One step of a console session: once <see cref="When"/> appears, type <see cref="Text"/>.</summary>
public sealed record ConsoleStep(string When, string Text);
