namespace Ocean.SystemTests;

using System.Diagnostics;
using System.Text.RegularExpressions;

/// <summary>
/// Facts about ilc's output that the kernel's design relies on, checked on the built images: no code
/// touches the red zone below RSP (so interrupt entry need not skip 128 bytes), and the kernel is
/// linked into the top 2 GiB with separate text, read-only and writable segments.
/// </summary>
public class GeneratedCodeTests
{
    public static TheoryData<string> Images => new()
    {
        "artifacts/image/boot/ocean/kernel.elf", "artifacts/image/boot/ocean/init.elf", "artifacts/image/boot/ocean/sh.elf",
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void NoCodeAccessesMemoryBelowTheStackPointer(string relativePath)
    {
        string disassembly = Tool("objdump", $"-d --no-show-raw-insn {Path.Combine(OceanEnvironment.Root, relativePath)}");
        Assert.Contains("%rsp", disassembly);   // the disassembly is real
        var belowRsp = Regex.Matches(disassembly, @"-0x[0-9a-f]+\(%rsp\)").Select(m => m.Value).ToList();
        Assert.True(belowRsp.Count == 0, $"{relativePath} uses the red zone: {string.Join(", ", belowRsp.Take(5))}");
    }

    [Fact]
    public void KernelSegmentsAreSplitByPermission()
    {
        string headers = Tool("readelf", $"-lW {Path.Combine(OceanEnvironment.Root, "artifacts/image/boot/ocean/kernel.elf")}");
        var loads = Regex.Matches(headers, @"LOAD\s+\S+\s+(0x[0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+([RWE ]+?)\s+0x").ToList();
        Assert.Equal(new[] { "R E", "R", "RW" }, loads.Select(m => m.Groups[2].Value.Trim()));
        Assert.All(loads, m => Assert.StartsWith("0xffffffff8", m.Groups[1].Value));
    }

    private static string Tool(string name, string arguments)
    {
        var start = new ProcessStartInfo(name, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
