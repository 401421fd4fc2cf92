namespace Ocean.Tests.UserTests;

using System;
using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Hardware faults as exceptions (fault_handler): a null reference and a division by zero are caught
/// as NullReferenceException and DivideByZeroException, across frames and through finally blocks, as
/// often as they come; a fork keeps the entry; a wild pointer and a stack overflow still end the process.
/// </summary>
public static unsafe partial class Program
{
    private sealed class Holder
    {
        public int Value;
        public Holder Next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadValue(Holder holder) => holder.Value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LengthOf(int[] array) => array.Length;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Describe(object value) => value.ToString();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Divide(int a, int b) => a / b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Remainder(long a, long b) => a % b;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadDeep(Holder holder, int depth) => depth == 0 ? holder.Next.Value : ReadDeep(holder, depth - 1) + 1;

    private static void FaultsAsExceptions()
    {
        _zero = Syscall.GetPid() < 0 ? 1 : 0;   // 0, which no compiler can know
        var nothing = (Holder)null;
        string field = Caught(() => ReadValue(nothing));
        string length = Caught(() => LengthOf(null));
        string call = Caught(() => Describe(null).Length);
        Check(field == "NullReferenceException: null reference" && length == field && call == field,
            "fault as exception: a null field, array length and virtual call are NullReferenceException");

        string divide = Caught(() => Divide(7, _zero));
        string remainder = Caught(() => (int)Remainder(7, _zero));
        Check(divide == "DivideByZeroException: division by zero" && remainder == divide,
            "fault as exception: int division and long remainder by zero are DivideByZeroException");

        // Three frames down, through a finally, with the catching frame's locals intact.
        var holder = new Holder { Value = 5, Next = null };
        int steps = 1;
        bool finallyRan = false, caught = false;
        try
        {
            try
            {
                steps = 2;
                ReadDeep(holder, 3);
                steps = 3;
            }
            finally
            {
                finallyRan = true;
            }
        }
        catch (NullReferenceException)
        {
            caught = true;
        }
        Check(caught && finallyRan && steps == 2 && holder.Value == 5,
            "fault as exception: caught three calls up, the finally on the way ran, locals kept");

        // A filter sees it, and a fault inside a catch block goes to the catch outside.
        bool filtered = false, nested = false;
        try
        {
            try
            {
                ReadValue(nothing);
            }
            catch (NullReferenceException e) when (e.Message == "null reference")
            {
                filtered = true;
                Divide(1, _zero);
            }
        }
        catch (DivideByZeroException)
        {
            nested = true;
        }
        Check(filtered && nested, "fault as exception: a when filter sees it; a fault in a catch block reaches the outer catch");

        // Each fault's record is left behind with the frames it unwinds: a thousand cost no stack.
        int count = 0;
        for (int i = 0; i < 1000; i++)
        {
            try
            {
                count += ReadValue(i % 2 == 0 ? nothing : holder);
            }
            catch (NullReferenceException)
            {
                count++;
            }
        }
        Check(count == 500 + 500 * 5, "fault as exception: a thousand faults in a loop, every one caught");

        // A forked child keeps the entry: it catches, and exits with what it caught.
        long child = Runtime.Fork();
        if (child == 0)
        {
            int status = 1;
            try
            {
                ReadValue(nothing);
            }
            catch (NullReferenceException)
            {
                status = 42;
            }
            Syscall.Exit(status);
        }
        int childStatus = 0;
        ProcClient.WaitPid(child, &childStatus, 0);
        Check(WaitStatus.IfExited(childStatus) && WaitStatus.ExitCode(childStatus) == 42, "fault as exception: a forked child catches its own");

        Check(Syscall.Raw((ulong)SyscallNumber.FaultHandler, UserSpace.End, 0, 0, 0, 0) == -Errno.EFAULT,
            "fault_handler: an entry outside the user half is EFAULT");
    }

    // libc's status for an exception nobody catches (as .NET's abort: 128 + SIGABRT).
    private const int UnhandledExceptionStatus = 134;

    // Set at run time, so that the compiler cannot see the divisor.
    private static int _zero;

    // "Type: message" of what the action throws, or "none".
    private static string Caught(Func<int> action)
    {
        try
        {
            action();
            return "none";
        }
        catch (NullReferenceException e)
        {
            return "NullReferenceException: " + e.Message;
        }
        catch (DivideByZeroException e)
        {
            return "DivideByZeroException: " + e.Message;
        }
        catch (Exception e)
        {
            return "Exception: " + e.Message;
        }
    }
}
