namespace Ocean.Tests.Bench;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// `bench smp`: how throughput scales with CPUs (issue 14). Independent workers run a fixed amount of
/// work each, one worker and then two at once; the ratio of their rates is the scaling. IPC (issue 14
/// asks for 1.8x): a client process calling a server process over an endpoint of their own. Copy-on-write
/// faults: a process forks and the child writes every page it shares. Five rounds of each; the round
/// with the median ratio is printed last. Meant for plain multi-threaded TCG (no -icount, which runs
/// the CPUs in turn) on a host with as many cores, and compared within one run: the figures
/// themselves move with the host.
/// </summary>
public static unsafe partial class Program
{
    private static int MeasureSmpScaling()
    {
        MeasureScaling("SMP IPC round trips per second", " pair", " pairs", " (goal 1.8 on 2 CPUs)", &PairsRoundTripsPerSecond);
        MeasureScaling("SMP copy-on-write faults per second", " process", " processes", "", &ProcessesFaultsPerSecond);
        return 0;
    }

    // Rounds of one worker then ComparedWorkers; prints each round and then the median one as
    // "bench: WHAT: 1 ONE N, 2 MANY N, ratio R.RR GOAL".
    private static void MeasureScaling(string what, string one, string many, string goal, delegate*<int, ulong> perSecond)
    {
        ulong* alone = stackalloc ulong[SmpRounds];
        ulong* together = stackalloc ulong[SmpRounds];
        ulong* hundredths = stackalloc ulong[SmpRounds];
        for (int round = 0; round < SmpRounds; round++)
        {
            alone[round] = perSecond(1);
            together[round] = perSecond(ComparedWorkers);
            hundredths[round] = alone[round] == 0 ? 0 : together[round] * 100 / alone[round];
            Stdio.Write("bench: ");
            Stdio.Write(what);
            Stdio.Write(", round ");
            Stdio.Write((long)(round + 1));
            Stdio.Write(':');
            WriteRates(one, many, goal, alone[round], together[round], hundredths[round]);
        }
        int median = 0;
        for (int round = 0; round < SmpRounds; round++)
        {
            int below = 0;
            for (int other = 0; other < SmpRounds; other++)
                if (hundredths[other] < hundredths[round] || (hundredths[other] == hundredths[round] && other < round))
                    below++;
            if (below == SmpRounds / 2)
                median = round;
        }
        Stdio.Write("bench: ");
        Stdio.Write(what);
        Stdio.Write(':');
        WriteRates(one, many, goal, alone[median], together[median], hundredths[median]);
    }

    // " 1 pair N, 2 pairs N, ratio R.RR (goal ...)" and the end of the line.
    private static void WriteRates(string one, string many, string goal, ulong alone, ulong together, ulong hundredths)
    {
        Stdio.Write(" 1");
        Stdio.Write(one);
        Stdio.Write(' ');
        Stdio.Write((long)alone);
        Stdio.Write(", ");
        Stdio.Write((long)ComparedWorkers);
        Stdio.Write(many);
        Stdio.Write(' ');
        Stdio.Write((long)together);
        Stdio.Write(", ratio ");
        Stdio.Write((long)(hundredths / 100));
        Stdio.Write('.');
        if (hundredths % 100 < 10)
            Stdio.Write('0');
        Stdio.Write((long)(hundredths % 100));
        Stdio.Write(goal);
        Stdio.WriteLine("");
    }

    // Round trips per second of `pairs` independent pairs, all started together, timed until the last ends.
    private static ulong PairsRoundTripsPerSecond(int pairs)
    {
        if (pairs > MaxWorkers)
            pairs = MaxWorkers;
        long* servers = stackalloc long[MaxWorkers];
        long* clients = stackalloc long[MaxWorkers];
        long* endpoints = stackalloc long[MaxWorkers];
        for (int p = 0; p < pairs; p++)
        {
            endpoints[p] = Ipc.CreateEndpoint();
            servers[p] = Runtime.Fork();
            if (servers[p] == 0)
                Serve(endpoints[p]);
        }
        long start = Nanoseconds();
        for (int p = 0; p < pairs; p++)
        {
            clients[p] = Runtime.Fork();
            if (clients[p] == 0)
                Runtime.Exit(CallRepeatedly(endpoints[p], SmpRoundTrips));
        }
        int status;
        for (int p = 0; p < pairs; p++)
            ProcClient.WaitPid(clients[p], &status, 0);
        long elapsed = Nanoseconds() - start;
        for (int p = 0; p < pairs; p++)
        {
            ProcClient.Kill(servers[p]);
            ProcClient.WaitPid(servers[p], &status, 0);
            Ipc.Delete(endpoints[p]);
        }
        return elapsed <= 0 ? 0 : (ulong)pairs * SmpRoundTrips * 1_000_000_000UL / (ulong)elapsed;
    }

    private static int CallRepeatedly(long endpoint, int count)
    {
        IpcMessage message = default;
        for (int i = 0; i < count; i++)
        {
            message.Tag = MessageTag.Make(1, 0);
            if (Ipc.Call(endpoint, &message) < 0)
                return 1;
        }
        return 0;
    }

    // Copy-on-write faults per second of `processes` independent processes, started together.
    private static ulong ProcessesFaultsPerSecond(int processes)
    {
        if (processes > MaxWorkers)
            processes = MaxWorkers;
        long* workers = stackalloc long[MaxWorkers];
        long start = Nanoseconds();
        for (int w = 0; w < processes; w++)
        {
            workers[w] = Runtime.Fork();
            if (workers[w] == 0)
                Runtime.Exit(ForkAndBreakPages(SmpFaultForks, SmpFaultPages));
        }
        int status;
        bool allWell = true;
        for (int w = 0; w < processes; w++)
            allWell &= ProcClient.WaitPid(workers[w], &status, 0) == workers[w] && WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0;
        long elapsed = Nanoseconds() - start;
        return !allWell || elapsed <= 0 ? 0 : (ulong)processes * SmpFaultForks * SmpFaultPages * 1_000_000_000UL / (ulong)elapsed;
    }

    // A worker: `forks` times, a child that writes each of `pages` pages it shares with this process
    // (one copy-on-write fault each) and exits.
    private static int ForkAndBreakPages(int forks, int pages)
    {
        byte* area = (byte*)Memory.Map(0, (ulong)pages * PageBytes, Protection.Read | Protection.Write);
        if ((long)area < 0)
            return 1;
        for (int p = 0; p < pages; p++)
            area[(ulong)p * PageBytes] = 1;
        for (int f = 0; f < forks; f++)
        {
            long child = ProcClient.Fork();
            if (child == 0)
            {
                for (int p = 0; p < pages; p++)
                    area[(ulong)p * PageBytes] = 2;
                Syscall.Exit(0);
            }
            int status;
            if (child < 0 || ProcClient.WaitPid(child, &status, 0) != child || WaitStatus.ExitCode(status) != 0)
                return 2;
        }
        return 0;
    }

    private static long Nanoseconds()
    {
        Timespec now;
        Syscall.ClockGetTime(0, &now);
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    // Round trips each client makes; forks and pages each fault worker breaks; the workers compared
    // with one (the goal is stated for 2 CPUs, and Bench and the test boot 2), and the most the tables hold.
    private const int SmpRoundTrips = 20_000;
    private const int SmpFaultForks = 20, SmpFaultPages = 512;
    private const int SmpRounds = 5;
    private const int ComparedWorkers = 2;
    private const int MaxWorkers = 8;
}
