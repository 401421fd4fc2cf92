namespace Ocean.Tests.UserTests;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// Two threads of one process throwing and catching at once, through the same methods, with a throw
/// inside each catch block and a finally on the way: each thread's running blocks are its own, so
/// neither walk ever takes the other's catch block for its own.
/// </summary>
public static unsafe partial class Program
{
    private const int ThrowRounds = 400;
    private static int _otherCaught, _otherFinallies;

    [UnmanagedCallersOnly]
    private static void ThrowOnOtherThread(ulong notification)
    {
        (_otherCaught, _otherFinallies) = ThrowAndCatch(ThrowRounds);
        Notifications.Signal((long)notification, 1);
    }

    // Each round: an exception three calls down, a finally on its way, and in its catch block another
    // exception thrown and caught; how many inner catches and finally blocks ran.
    private static (int Caught, int Finallies) ThrowAndCatch(int rounds)
    {
        int caught = 0, finallies = 0;
        for (int i = 0; i < rounds; i++)
        {
            try
            {
                try
                {
                    ThrowDeep(i % 3);
                }
                finally
                {
                    finallies++;
                }
            }
            catch (InvalidOperationException)
            {
                try
                {
                    throw new ArgumentException("inner");
                }
                catch (ArgumentException)
                {
                    caught++;
                }
            }
        }
        return (caught, finallies);
    }

    private static void ExceptionsOnTwoThreads()
    {
        long notification = Notifications.Create();
        bool started = Threads.Create(&ThrowOnOtherThread, NewStackTop(), (ulong)notification) >= 0;
        (int caught, int finallies) = ThrowAndCatch(ThrowRounds);
        bool finished = started && Notifications.Wait(notification) > 0;
        Check(finished && caught == ThrowRounds && finallies == ThrowRounds && _otherCaught == ThrowRounds && _otherFinallies == ThrowRounds,
            "exceptions: two threads throw and catch at once (nested in catch blocks, through finally blocks), each in its own blocks");
        Ipc.Delete(notification);
    }
}

/// <summary>A fork inside a catch block: the child goes on in the block, and <c>throw;</c> there rethrows its exception.</summary>
public static unsafe partial class Program
{
    private static void ForkInsideACatchBlock()
    {
        long child = -1;
        try
        {
            throw new InvalidOperationException("forked");
        }
        catch (InvalidOperationException)
        {
            child = Runtime.Fork();
            if (child == 0)
            {
                int status = 1;
                try
                {
                    throw;
                }
                catch (InvalidOperationException e) when (e.Message == "forked")
                {
                    status = 42;
                }
                Syscall.Exit(status);
            }
        }
        Check(child > 0 && ExitCodeOf(child) == 42, "exceptions: a child forked inside a catch block rethrows its exception there (throw;)");
    }
}
