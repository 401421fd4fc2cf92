#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>The monotonic clock's arithmetic (kernel/arch/x86_64/interrupt/ClockArithmetic.cs).</summary>
public class ClockArithmeticTests
{
    private const ulong Hz = 2_598_435_376;   // the refined TSC rate of the boot that went wrong
    private const ulong Start = 1UL << 40, Base = 30_000_000;

    [Fact]
    public void ACountBeforeTheStartIsNoTimeNotCenturiesAhead()
    {
        // The incident: a reader took its count, the refinement rebased the clock a little later,
        // and the unsigned difference made it 2^64 counts: "services up 7099173696665 ms after boot".
        Assert.Equal(Base, ClockArithmetic.Nanoseconds(Start - 10_000, Start, Hz, Base));
    }

    [Fact]
    public void OneSecondOfCountsIsOneSecond()
    {
        Assert.Equal(Base + ClockArithmetic.NanosecondsPerSecond, ClockArithmetic.Nanoseconds(Start + Hz, Start, Hz, Base));
        Assert.Equal(Base + 500_000_000, ClockArithmetic.Nanoseconds(Start + Hz / 2, Start, Hz, Base));
    }

    [Fact]
    public void ALongTimeDoesNotOverflowAndAStoppedClockReadsZero()
    {
        ulong years = ClockArithmetic.Nanoseconds(Start + (1UL << 62), Start, Hz, Base);
        Assert.True(years > (1UL << 62) / Hz * ClockArithmetic.NanosecondsPerSecond);
        Assert.Equal(0UL, ClockArithmetic.Nanoseconds(Start + 5, Start, 0, Base));
    }
}
