#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Proc;

/// <summary>The queue of process ends the process server reads (kernel/proc/EndedProcesses.cs).</summary>
public class EndedProcessesTests
{
    private const int Capacity = 2 * ProcessLimits.MaxProcesses;

    // One test: the queue is the kernel's one static instance.
    [Fact]
    public void EndsComeOutInOrderAndAnOverflowIsReportedOnceAsPidZero()
    {
        EndedProcesses.Record(5, 1);   // nobody asked yet: not kept
        Assert.False(EndedProcesses.TryTake(out _, out _));

        EndedProcesses.Start();
        EndedProcesses.Record(5, 1);
        EndedProcesses.Record(6, 5);
        Assert.True(EndedProcesses.TryTake(out int pid, out int parent));
        Assert.Equal((5, 1), (pid, parent));
        Assert.True(EndedProcesses.TryTake(out pid, out parent));
        Assert.Equal((6, 5), (pid, parent));
        Assert.False(EndedProcesses.TryTake(out _, out _));

        for (int i = 0; i < Capacity + 3; i++)
            EndedProcesses.Record(100 + i, 1);
        for (int i = 0; i < Capacity; i++)
        {
            Assert.True(EndedProcesses.TryTake(out pid, out _));
            Assert.Equal(100 + i, pid);   // the ring wrapped: still oldest first
        }
        Assert.True(EndedProcesses.TryTake(out pid, out _));
        Assert.Equal(0, pid);   // some went unrecorded
        Assert.False(EndedProcesses.TryTake(out _, out _));
    }
}
