namespace Ocean.Kernel.SelfTest;

using System.Runtime.CompilerServices;

/// <summary>Deliberate kernel faults, chosen on the kernel command line, to show the fault reports.</summary>
public static unsafe class FaultTests
{
    /// <summary>A write through a null pointer: a page fault in kernel mode, reported, then a panic.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void NullWrite()
    {
        int* nothing = null;
        *nothing = 0x0CEA;
    }

    /// <summary>Unbounded recursion: runs into the stack's guard page.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int OverflowStack(int depth)
    {
        byte* frame = stackalloc byte[256];
        frame[0] = (byte)depth;
        return OverflowStack(depth + 1) + frame[0];
    }
}
