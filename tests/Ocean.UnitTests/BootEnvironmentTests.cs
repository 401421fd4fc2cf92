#nullable enable
namespace Ocean.UnitTests;

using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Multiboot;

public class BootEnvironmentTests
{
    [Theory]
    [InlineData(1u, LimineMemoryType.Usable)]
    [InlineData(3u, LimineMemoryType.AcpiReclaimable)]
    [InlineData(4u, LimineMemoryType.AcpiNvs)]
    [InlineData(5u, LimineMemoryType.BadMemory)]
    [InlineData(0u, LimineMemoryType.Reserved)]
    [InlineData(2u, LimineMemoryType.Reserved)]
    [InlineData(6u, LimineMemoryType.Reserved)]
    [InlineData(7u, LimineMemoryType.Reserved)]   // persistent memory: not RAM the kernel may use
    [InlineData(12u, LimineMemoryType.Reserved)]
    [InlineData(uint.MaxValue, LimineMemoryType.Reserved)]
    public void MultibootTypesMapToLimineTypes(uint multibootType, LimineMemoryType expected) =>
        Assert.Equal(expected, BootEnvironment.FromMultibootType(multibootType));

    [Fact]
    public void PhysicalRangeEndIsBasePlusLength()
    {
        var range = new PhysicalRange(0x100000, 0x2000, LimineMemoryType.Usable);
        Assert.Equal(0x100000UL, range.Base);
        Assert.Equal(0x2000UL, range.Length);
        Assert.Equal(LimineMemoryType.Usable, range.Type);
        Assert.Equal(0x102000UL, range.End);
    }

    [Fact]
    public void NewEnvironmentIsEmpty()
    {
        var env = new BootEnvironment();
        Assert.Equal(0, env.RangeCount);
        Assert.Equal(0, env.ModuleCount);
        Assert.False(env.HasFramebuffer);
        Assert.Equal(0, env.RsdpLength);
        Assert.Null(env.Error);
        Assert.Equal(BootEnvironment.MaxRanges, env.Ranges.Length);
        Assert.Equal(BootEnvironment.MaxModules, env.Modules.Length);
        Assert.Equal(BootEnvironment.MaxRsdpLength, env.RsdpCopy.Length);
    }

    [Fact]
    public void AddRangeAppendsInOrder()
    {
        var env = new BootEnvironment();
        env.AddRange(0x1000, 0x2000, LimineMemoryType.Usable);
        env.AddRange(0x0, 0x1000, LimineMemoryType.Reserved);
        Assert.Equal(2, env.RangeCount);
        Assert.Equal(new PhysicalRange(0x1000, 0x2000, LimineMemoryType.Usable), env.Ranges[0]);
        Assert.Equal(new PhysicalRange(0x0, 0x1000, LimineMemoryType.Reserved), env.Ranges[1]);
    }

    [Fact]
    public void AddRangeDropsEmptyRanges()
    {
        var env = new BootEnvironment();
        env.AddRange(0x1000, 0, LimineMemoryType.Usable);
        Assert.Equal(0, env.RangeCount);
    }

    [Fact]
    public void AddRangeStopsAtCapacity()
    {
        var env = new BootEnvironment();
        for (int i = 0; i < BootEnvironment.MaxRanges + 10; i++)
            env.AddRange((ulong)i * 0x1000, 0x1000, LimineMemoryType.Usable);
        Assert.Equal(BootEnvironment.MaxRanges, env.RangeCount);
        Assert.Equal((ulong)(BootEnvironment.MaxRanges - 1) * 0x1000, env.Ranges[BootEnvironment.MaxRanges - 1].Base);
    }

    [Fact]
    public void AddModuleKeepsFieldsAndStopsAtCapacity()
    {
        var env = new BootEnvironment();
        byte[] text = "kernel.elf"u8.ToArray();
        env.AddModule(0x200000, 0x280000, text);
        Assert.Equal(1, env.ModuleCount);
        Assert.Equal(0x200000UL, env.Modules[0].Start);
        Assert.Equal(0x280000UL, env.Modules[0].End);
        Assert.Same(text, env.Modules[0].String);

        for (int i = 1; i < BootEnvironment.MaxModules + 5; i++)
            env.AddModule((ulong)i, (ulong)i + 1, []);
        Assert.Equal(BootEnvironment.MaxModules, env.ModuleCount);
        Assert.Equal((ulong)BootEnvironment.MaxModules - 1, env.Modules[BootEnvironment.MaxModules - 1].Start);
    }
}
