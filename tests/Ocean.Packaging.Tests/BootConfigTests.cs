namespace Ocean.Packaging.Tests;

public class BootConfigTests
{
    private static readonly BootEntry Kernel = new("/boot/ocean/kernel.elf", "selftest");
    private static readonly BootEntry[] Modules =
    {
        new("/boot/ocean/init.elf", "Ocean.Servers.Init@0.1.0"),
        new("/boot/ocean/sh.elf", "Ocean.Servers.Sh@0.2.0 --login"),
    };

    [Fact]
    public void LimineConfigUsesVersion8Syntax()
    {
        string[] lines = BootConfig.Limine(Kernel, Modules).Split('\n');
        Assert.Contains("timeout: 0", lines);
        Assert.Contains("/Ocean", lines);
        Assert.Contains("    protocol: limine", lines);
        Assert.Contains("    kernel_path: boot():/boot/ocean/kernel.elf", lines);
        Assert.Contains("    cmdline: selftest", lines);
        int init = Array.IndexOf(lines, "    module_path: boot():/boot/ocean/init.elf");
        int sh = Array.IndexOf(lines, "    module_path: boot():/boot/ocean/sh.elf");
        Assert.True(init > 0 && sh > init, "modules in manifest order");
        Assert.Equal("    module_cmdline: Ocean.Servers.Init@0.1.0", lines[init + 1]);
        Assert.Equal("    module_cmdline: Ocean.Servers.Sh@0.2.0 --login", lines[sh + 1]);
        Assert.DoesNotContain(lines, l => l.Contains("boot:///"));
    }

    [Fact]
    public void LimineConfigOmitsAnEmptyKernelCommandLine()
    {
        string text = BootConfig.Limine(Kernel with { Cmdline = "" }, Modules);
        Assert.DoesNotContain("cmdline: \n", text);
        Assert.DoesNotContain("    cmdline:", text.Replace("module_cmdline", ""));
    }

    [Fact]
    public void GrubConfigLoadsTheLoaderWithMultiboot2AndThePathFirstInEachModuleString()
    {
        string[] lines = BootConfig.Grub(Kernel, Modules).Split('\n');
        Assert.Contains("set timeout=0", lines);
        Assert.Contains("serial --unit=0 --speed=115200", lines);
        Assert.Contains("    multiboot2 /boot/loader.bin", lines);
        string[] modules = lines.Where(l => l.TrimStart().StartsWith("module2 ")).ToArray();
        Assert.Equal(new[]
        {
            "    module2 /boot/ocean/kernel.elf /boot/ocean/kernel.elf selftest",
            "    module2 /boot/ocean/init.elf /boot/ocean/init.elf Ocean.Servers.Init@0.1.0",
            "    module2 /boot/ocean/sh.elf /boot/ocean/sh.elf Ocean.Servers.Sh@0.2.0 --login",
        }, modules);
    }

    [Fact]
    public void QemuInitrdListsTheKernelFirstWithRelativePaths()
    {
        Assert.Equal("boot/ocean/kernel.elf selftest,boot/ocean/init.elf Ocean.Servers.Init@0.1.0,boot/ocean/sh.elf Ocean.Servers.Sh@0.2.0 --login",
            BootConfig.QemuInitrd(Kernel, Modules));
    }
}
