namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;

/// <summary>
/// In-kernel tests (kernel command line: <c>selftest</c>): allocators, paging, interrupts. Each check
/// prints one line; the run ends with "selftest: N passed, N failed" and checks that no memory leaked.
/// </summary>
public static class SelfTestRunner
{
    private static int _passed, _failed;

    public static void Check(bool condition, string name)
    {
        Console.Write(condition ? "selftest: ok     " : "selftest: FAILED ");
        Console.WriteLine(name);
        if (condition)
            _passed++;
        else
            _failed++;
    }

    /// <summary>Runs every group; true when all passed.</summary>
    public static bool RunAll()
    {
        // The heap keeps one empty slab per cache; trimming makes the two measurements comparable.
        KernelHeap.Trim();
        ulong freeBefore = PhysicalMemory.FreeBytes;
        Console.Write("selftest: free memory before: ");
        Console.WriteUnsigned(freeBefore / 1024);
        Console.WriteLine(" KiB");

        AllocatorSelfTests.Run();
        PagingSelfTests.Run();
        InterruptSelfTests.Run();
        SchedulerSelfTests.Run();
        LockOrderSelfTests.Run();

        KernelHeap.Trim();
        ulong freeAfter = PhysicalMemory.FreeBytes;
        Console.Write("selftest: free memory after: ");
        Console.WriteUnsigned(freeAfter / 1024);
        Console.WriteLine(" KiB");
        Check(freeAfter == freeBefore, "no physical memory leaked by the self-tests");

        Console.Write("selftest: ");
        Console.WriteDecimal(_passed);
        Console.Write(" passed, ");
        Console.WriteDecimal(_failed);
        Console.WriteLine(" failed");
        return _failed == 0;
    }
}
