namespace Ocean.Tests.Bench;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// `bench smp`: how IPC throughput scales with CPUs (issue 14 asks for 1.8x). Independent ping-pong
/// pairs (a client process calling a server process over an endpoint of their own) run for a fixed
/// number of round trips each; one pair, then two, five times; the round with the median ratio of
/// round trips per second is printed last. Meant for plain multi-threaded TCG (no -icount, which runs the CPUs in turn) on
/// a host with as many cores, and compared within one run: the figures themselves move with the host.
/// </summary>
public static unsafe partial class Program
{
    private static int MeasureSmpIpcRatio()
    {
        // The rates move with the host from one moment to the next: a few rounds, each one pair then
        // two, and the round with the median ratio is the answer.
        ulong* one = stackalloc ulong[SmpRounds];
        ulong* many = stackalloc ulong[SmpRounds];
        ulong* hundredths = stackalloc ulong[SmpRounds];
        for (int round = 0; round < SmpRounds; round++)
        {
            one[round] = PairsRoundTripsPerSecond(1);
            many[round] = PairsRoundTripsPerSecond(ComparedPairs);
            hundredths[round] = one[round] == 0 ? 0 : many[round] * 100 / one[round];
            Stdio.Write("bench: SMP round ");
            Stdio.Write((long)(round + 1));
            Stdio.Write(':');
            WriteRates(one[round], many[round], hundredths[round]);
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
        Stdio.Write("bench: SMP IPC round trips per second:");
        WriteRates(one[median], many[median], hundredths[median]);
        return 0;
    }

    // " 1 pair N, 2 pairs N, ratio R.RR (goal 1.8 on 2 CPUs)" and the end of the line.
    private static void WriteRates(ulong one, ulong many, ulong hundredths)
    {
        Stdio.Write(" 1 pair ");
        Stdio.Write((long)one);
        Stdio.Write(", ");
        Stdio.Write((long)ComparedPairs);
        Stdio.Write(" pairs ");
        Stdio.Write((long)many);
        Stdio.Write(", ratio ");
        Stdio.Write((long)(hundredths / 100));
        Stdio.Write('.');
        if (hundredths % 100 < 10)
            Stdio.Write('0');
        Stdio.Write((long)(hundredths % 100));
        Stdio.Write(" (goal 1.8 on 2 CPUs)");
        Stdio.WriteLine("");
    }

    // Round trips per second of `pairs` independent pairs, all started together, timed until the last ends.
    private static ulong PairsRoundTripsPerSecond(int pairs)
    {
        if (pairs > MaxPairs)
            pairs = MaxPairs;
        long* servers = stackalloc long[MaxPairs];
        long* clients = stackalloc long[MaxPairs];
        long* endpoints = stackalloc long[MaxPairs];
        for (int p = 0; p < pairs; p++)
        {
            endpoints[p] = Ipc.CreateEndpoint();
            servers[p] = Runtime.Fork();
            if (servers[p] == 0)
                Serve(endpoints[p]);
        }
        Timespec start;
        Syscall.ClockGetTime(0, &start);
        for (int p = 0; p < pairs; p++)
        {
            clients[p] = Runtime.Fork();
            if (clients[p] == 0)
                Runtime.Exit(CallRepeatedly(endpoints[p], SmpRoundTrips));
        }
        int status;
        for (int p = 0; p < pairs; p++)
            Syscall.WaitPid(clients[p], &status, 0);
        Timespec end;
        Syscall.ClockGetTime(0, &end);
        for (int p = 0; p < pairs; p++)
        {
            Syscall.Kill(servers[p]);
            Syscall.WaitPid(servers[p], &status, 0);
            Ipc.Delete(endpoints[p]);
        }
        long nanoseconds = (end.Seconds - start.Seconds) * 1_000_000_000 + end.Nanoseconds - start.Nanoseconds;
        return nanoseconds <= 0 ? 0 : (ulong)pairs * SmpRoundTrips * 1_000_000_000UL / (ulong)nanoseconds;
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

    // Round trips each client makes; the pairs compared with one (the goal is stated for 2 CPUs, and
    // Bench and the test boot 2), and the most the tables hold.
    private const int SmpRoundTrips = 20_000;
    private const int SmpRounds = 5;
    private const int ComparedPairs = 2;
    private const int MaxPairs = 8;
}
