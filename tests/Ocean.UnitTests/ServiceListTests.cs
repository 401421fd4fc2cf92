#nullable enable
namespace Ocean.UnitTests;

using System.Collections.Generic;
using System.Text;
using Ocean.Servers.Init;

/// <summary>init's reading of the generated service list (servers/init/ServiceList.cs).</summary>
public class ServiceListTests
{
    [Fact]
    public void ReadsEveryField()
    {
        List<ServiceEntry> entries = ServiceList.Parse(
            "# generated\n\n" +
            "vfs Ocean.Servers.Vfs@0.8.0 /boot/ocean/vfs.elf\n" +
            "blk Ocean.Servers.Blk@1.2.3 /boot/ocean/blk.elf ports=0x1f0-0x1f7 ports=1014-1014 irq=14 arg=-v arg=disk0\r\n" +
            "  sh   Ocean.Servers.Sh@0.9.1\t/boot/ocean/sh.elf console");
        Assert.Equal(3, entries.Count);
        Assert.Equal("vfs", entries[0].Name);
        Assert.Equal("Ocean.Servers.Vfs@0.8.0", entries[0].Package);
        Assert.Equal("0.8.0", entries[0].Version);
        Assert.Equal("/boot/ocean/vfs.elf", entries[0].Program);
        Assert.False(entries[0].IsConsole);
        ServiceEntry blk = entries[1];
        Assert.Equal(
            [new HardwareGrant(HardwareKind.IoPorts, 0x1F0, 8), new HardwareGrant(HardwareKind.IoPorts, 1014, 1), new HardwareGrant(HardwareKind.Interrupt, 14, 1)],
            blk.Hardware);
        Assert.Equal(["-v", "disk0"], blk.Arguments);
        Assert.True(entries[2].IsConsole);
        Assert.Equal("sh", entries[2].Name);
    }

    [Theory]
    [InlineData("vfs Ocean.Servers.Vfs@1.0.0\n", ServiceListError.MissingField, 1)]
    [InlineData("# x\nvfs\n", ServiceListError.MissingField, 2)]
    [InlineData("vfs P@1 /p.elf colour=blue\n", ServiceListError.BadOption, 1)]
    [InlineData("vfs P@1 /p.elf ports=0x10\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf ports=0x20-0x10\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf irq=x\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf irq=99999999999\n", ServiceListError.BadNumber, 1)]
    [InlineData("vfs P@1 /p.elf irq=0x\n", ServiceListError.BadNumber, 1)]
    [InlineData("a P@1 /p.elf\na Q@1 /q.elf\n", ServiceListError.DuplicateName, 2)]
    [InlineData("averyveryverylongname P@1 /p.elf\n", ServiceListError.BadOption, 1)]
    [InlineData("a P@1 /p.elf irq=1 irq=2 irq=3 irq=4 irq=5\n", ServiceListError.TooMany, 1)]
    [InlineData("a P@1 /p.elf arg=1 arg=2 arg=3 arg=4 arg=5 arg=6 arg=7 arg=8 arg=9\n", ServiceListError.TooMany, 1)]
    public void RefusesWhatItDoesNotUnderstand(string text, ServiceListError expected, int line)
    {
        var refused = Assert.Throws<ServiceListException>(() => ServiceList.Parse(text));
        Assert.Equal(expected, refused.Error);
        Assert.Equal(line, refused.Line);
        Assert.Equal($"services.conf line {line}: not understood", refused.Message);
    }

    [Fact]
    public void KeepsTheServicesBeforeABadLine()
    {
        var refused = Assert.Throws<ServiceListException>(() => ServiceList.Parse("a P@1 /a.elf\nb P@1\n"));
        Assert.Equal(ServiceListError.MissingField, refused.Error);
        Assert.Single(refused.ServicesBefore);
        Assert.Equal("a", refused.ServicesBefore[0].Name);
    }

    [Fact]
    public void NoMoreThanTheLimit()
    {
        var text = new StringBuilder();
        for (int i = 0; i <= ServiceList.MaxServices; i++)
            text.Append($"s{i} P@1 /p.elf\n");
        var refused = Assert.Throws<ServiceListException>(() => ServiceList.Parse(text.ToString()));
        Assert.Equal(ServiceListError.TooMany, refused.Error);
        Assert.Equal(ServiceList.MaxServices + 1, refused.Line);
        Assert.Equal(ServiceList.MaxServices, refused.ServicesBefore.Count);
    }

    [Theory]
    [InlineData("0", true, 0UL)]
    [InlineData("4294967295", true, 4294967295UL)]
    [InlineData("4294967296", false, 0UL)]
    [InlineData("0x1F0", true, 0x1F0UL)]
    [InlineData("0Xff", true, 0xFFUL)]
    [InlineData("", false, 0UL)]
    [InlineData("0x", false, 0UL)]
    [InlineData("12a", false, 0UL)]
    [InlineData("-1", false, 0UL)]
    public void ReadsNumbers(string text, bool ok, ulong expected)
    {
        Assert.Equal(ok, ServiceList.TryParseNumber(text, out ulong value));
        if (ok)
            Assert.Equal(expected, value);
    }

    [Fact]
    public void AVersionIsWhatFollowsTheAt() =>
        Assert.Equal(("1.2.3", ""), (new ServiceEntry("a", "P@1.2.3", "/p").Version, new ServiceEntry("a", "P", "/p").Version));
}
