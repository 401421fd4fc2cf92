namespace Ocean.Packaging;

using System.Diagnostics;

/// <summary>
/// Makes the bootable ISO from a composed image: a real Limine ISO (BIOS and UEFI) when a Limine
/// binary directory is given, otherwise a GRUB ISO (BIOS and UEFI) that loads Ocean's loader.
/// </summary>
public static class IsoBuilder
{
    public static readonly string[] LimineFiles = { "limine-bios-cd.bin", "limine-uefi-cd.bin", "limine-bios.sys", "BOOTX64.EFI" };

    /// <summary>Returns a description of what was built.</summary>
    public static string Build(ComposedImage image, string isoPath, string? limineDirectory, string workDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(isoPath)!);
        if (File.Exists(isoPath))
            File.Delete(isoPath);
        return string.IsNullOrWhiteSpace(limineDirectory)
            ? BuildGrub(image, isoPath)
            : BuildLimine(image, isoPath, limineDirectory, workDirectory);
    }

    private static string BuildGrub(ComposedImage image, string isoPath)
    {
        Run("grub-mkrescue", new[] { "-o", isoPath, image.Directory });
        return "GRUB ISO (BIOS and UEFI) loading Ocean's loader";
    }

    private static string BuildLimine(ComposedImage image, string isoPath, string limineDirectory, string workDirectory)
    {
        string[] missing = LimineFiles.Where(f => !File.Exists(Path.Combine(limineDirectory, f))).ToArray();
        if (missing.Length > 0)
            throw new InvalidOperationException($"LIMINE_DIR={limineDirectory} lacks {string.Join(", ", missing)}");

        // An ISO tree of its own: Limine's files must not leak into the composed image.
        string root = Path.Combine(workDirectory, "limine-iso-root");
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        CopyTree(Path.Combine(image.Directory, "boot", "ocean"), Path.Combine(root, "boot", "ocean"));
        Directory.CreateDirectory(Path.Combine(root, "boot", "limine"));
        Directory.CreateDirectory(Path.Combine(root, "EFI", "BOOT"));
        File.Copy(Path.Combine(image.Directory, "boot", "limine", "limine.conf"), Path.Combine(root, "boot", "limine", "limine.conf"));
        foreach (string f in new[] { "limine-bios-cd.bin", "limine-uefi-cd.bin", "limine-bios.sys" })
            File.Copy(Path.Combine(limineDirectory, f), Path.Combine(root, "boot", "limine", f));
        File.Copy(Path.Combine(limineDirectory, "BOOTX64.EFI"), Path.Combine(root, "EFI", "BOOT", "BOOTX64.EFI"));

        Run("xorriso", new[]
        {
            "-as", "mkisofs", "-R", "-r", "-J", "-b", "boot/limine/limine-bios-cd.bin", "-no-emul-boot", "-boot-load-size", "4",
            "-boot-info-table", "-hfsplus", "-apm-block-size", "2048", "--efi-boot", "boot/limine/limine-uefi-cd.bin",
            "-efi-boot-part", "--efi-boot-image", "--protective-msdos-label", root, "-o", isoPath,
        });
        string tool = Path.Combine(limineDirectory, "limine");
        if (File.Exists(tool))
        {
            Run(tool, new[] { "bios-install", isoPath });
            return "Limine ISO (BIOS and UEFI)";
        }
        return "Limine ISO (UEFI; BIOS boot needs the 'limine' host tool in LIMINE_DIR for bios-install)";
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments)
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}):\n{output}");
    }
}
