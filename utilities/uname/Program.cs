namespace Ocean.Utilities.Uname;

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// uname [-snrma]: the system's name (-s, the default), its node name (-n), release (-r: the kernel
/// package's version) and machine (-m); -a all four, in that order, as POSIX's uname.
/// </summary>
public static class Program
{
    private const string SystemName = "Ocean", NodeName = "ocean", Machine = "x86_64";
    private const int Usage = 1, PackageNameBytes = 128;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        bool system = false, node = false, release = false, machine = false;
        foreach (string arg in args)
        {
            if (arg.Length < 2 || arg[0] != '-')
                return Refuse($"uname: extra operand {arg}");
            foreach (char flag in arg.Substring(1))
            {
                switch (flag)
                {
                    case 's': system = true; break;
                    case 'n': node = true; break;
                    case 'r': release = true; break;
                    case 'm': machine = true; break;
                    case 'a': system = node = release = machine = true; break;
                    default: return Refuse($"uname: unknown option -{flag}");
                }
            }
        }
        if (!node && !release && !machine)
            system = true;
        var parts = new List<string>();
        if (system)
            parts.Add(SystemName);
        if (node)
            parts.Add(NodeName);
        if (release)
            parts.Add(KernelVersion());
        if (machine)
            parts.Add(Machine);
        Console.WriteLine(string.Join(" ", parts));
        return 0;
    }

    // The first boot package is the kernel's: "Ocean.Kernel@VERSION".
    private static string KernelVersion()
    {
        Span<byte> name = stackalloc byte[PackageNameBytes];
        int length = BootPackages.Name(0, name);
        string package = length < 0 ? "" : Latin1.ToString(name.Slice(0, Math.Min(length, name.Length)));
        int at = package.IndexOf('@');
        return at < 0 ? "unknown" : package.Substring(at + 1);
    }

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, "usage: uname [-snrma]", Usage);
}
