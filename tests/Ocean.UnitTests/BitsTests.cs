#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Lib;

/// <summary>The scheduler's highest-bit arithmetic (kernel/lib/Bits.cs).</summary>
public class BitsTests
{
    // The plain definition: the last bit set, counting from the top.
    private static int Reference(uint mask)
    {
        for (int bit = 31; bit >= 0; bit--)
            if ((mask & (1u << bit)) != 0)
                return bit;
        throw new ArgumentException("no bit set");
    }

    [Fact]
    public void EverySingleBitIsItsOwnIndex()
    {
        for (int bit = 0; bit < 32; bit++)
            Assert.Equal(bit, Bits.HighestSet(1u << bit));
    }

    [Fact]
    public void TheLowerBitsNeverRoundTheAnswerUp()
    {
        // A float (24 significant bits) would round these up to the next power of two.
        Assert.Equal(31, Bits.HighestSet(uint.MaxValue));
        for (int bit = 1; bit < 32; bit++)
            Assert.Equal(bit, Bits.HighestSet((1u << bit) | ((1u << bit) - 1)));
    }

    [Fact]
    public void ManyMasksAgreeWithTheDefinition()
    {
        var random = new Random(14);
        for (int i = 0; i < 100_000; i++)
        {
            uint mask = (uint)random.NextInt64(1, 1L << 32) >> random.Next(32);
            if (mask != 0)
                Assert.Equal(Reference(mask), Bits.HighestSet(mask));
        }
    }
}
