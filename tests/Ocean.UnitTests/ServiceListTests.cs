#nullable enable
namespace Ocean.UnitTests;

using System.Text;
using Ocean.Servers.Init;

/// <summary>init's reading of the generated service list (servers/init/ServiceList.cs).</summary>
public unsafe class ServiceListTests
{
    private static (ServiceEntry[] Entries, int Count, ServiceListError Error, int Line) Parse(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        fixed (byte* t = bytes)
        {
            ServiceEntry[] entries = ServiceList.Parse(t, bytes.Length, out int count, out ServiceListError error, out int line);
            return (entries, count, error, line);
        }
    }

    private static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    [Fact]
    public void ReadsEveryField()
    {
        var (entries, count, error, _) = Parse(
            "# generated\n\n" +
            "vfs Ocean.Servers.Vfs@0.8.0 /boot/ocean/vfs.elf\n" +
            "blk Ocean.Servers.Blk@1.2.3 /boot/ocean/blk.elf ports=0x1f0-0x1f7 ports=1014-1014 irq=14 arg=-v arg=disk0\r\n" +
            "  sh   Ocean.Servers.Sh@0.9.1\t/boot/ocean/sh.elf console");
        Assert.Equal(ServiceListError.None, error);
        Assert.Equal(3, count);
        Assert.Equal("vfs", Text(entries[0].Name));
        Assert.Equal("Ocean.Servers.Vfs@0.8.0", Text(entries[0].Package));
        Assert.Equal("/boot/ocean/vfs.elf", Text(entries[0].Program));
        Assert.False(entries[0].IsConsole);
        ServiceEntry blk = entries[1];
        Assert.Equal(3, blk.HardwareCount);
        Assert.Equal((HardwareKind.IoPorts, 0x1F0UL, 8UL), (blk.Hardware[0].Kind, blk.Hardware[0].First, blk.Hardware[0].Count));
        Assert.Equal((HardwareKind.IoPorts, 1014UL, 1UL), (blk.Hardware[1].Kind, blk.Hardware[1].First, blk.Hardware[1].Count));
        Assert.Equal((HardwareKind.Interrupt, 14UL, 1UL), (blk.Hardware[2].Kind, blk.Hardware[2].First, blk.Hardware[2].Count));
        Assert.Equal(2, blk.ArgumentCount);
        Assert.Equal("-v", Text(blk.Arguments[0]));
        Assert.Equal("disk0", Text(blk.Arguments[1]));
        Assert.True(entries[2].IsConsole);
        Assert.Equal("sh", Text(entries[2].Name));
    }

    [Theory]
    [InlineData("vfs Ocean.Servers.Vfs@1.0.0\n", ServiceListError.MissingField, 1)]
    [InlineData("# x\nvfs\n", ServiceListError.MissingField, 2)]
    [InlineData("vfs P@1 /p.elf colour=blue\n", ServiceListError.BadOption, 1)]
    [InlineData("vfs P@1 /p.elf ports=0x10\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf ports=0x20-0x10\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf irq=x\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf irq=99999999999\n", ServiceListError.BadNumber, 1)]
    [InlineData("a P@1 /p.elf\na Q@1 /q.elf\n", ServiceListError.DuplicateName, 2)]
    [InlineData("averyveryverylongname P@1 /p.elf\n", ServiceListError.BadOption, 1)]
    [InlineData("a P@1 /p.elf irq=1 irq=2 irq=3 irq=4 irq=5\n", ServiceListError.TooMany, 1)]
    public void RefusesWhatItDoesNotUnderstand(string text, ServiceListError expected, int line)
    {
        var (_, _, error, errorLine) = Parse(text);
        Assert.Equal(expected, error);
        Assert.Equal(line, errorLine);
    }

    [Fact]
    public void KeepsTheServicesBeforeABadLine()
    {
        var (entries, count, error, _) = Parse("a P@1 /a.elf\nb P@1\n");
        Assert.Equal(ServiceListError.MissingField, error);
        Assert.Equal(1, count);
        Assert.Equal("a", Text(entries[0].Name));
    }

    [Fact]
    public void NoMoreThanTheLimit()
    {
        var text = new StringBuilder();
        for (int i = 0; i <= ServiceList.MaxServices; i++)
            text.Append($"s{i} P@1 /p.elf\n");
        var (_, count, error, line) = Parse(text.ToString());
        Assert.Equal(ServiceListError.TooMany, error);
        Assert.Equal(ServiceList.MaxServices, count);
        Assert.Equal(ServiceList.MaxServices + 1, line);
    }
}
