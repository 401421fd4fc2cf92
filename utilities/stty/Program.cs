namespace Ocean.Utilities.Stty;

using System;
using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// stty [-a | size | SETTING...]: the console terminal's modes and window size, as POSIX's stty for
/// what Ocean's terminal has. Without operands (or with -a) it prints them; `size` prints "ROWS
/// COLUMNS". Settings: icanon, echo, isig (each with '-' to turn it off), raw (-icanon -isig), -raw
/// and cooked (icanon isig), sane (all three on), rows N, columns N (or cols N).
/// </summary>
public static class Program
{
    private const int Usage = 1, Failure = 1;
    private const string UsageLine = "usage: stty [-a | size | [-]icanon [-]echo [-]isig raw -raw cooked sane rows N columns N]";

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        Error error = Terminal.GetSettings(out TerminalSettings settings);
        if (error.Failed)
        {
            Console.Error.WriteLine($"stty: the console's terminal service does not answer: {error.Message}");
            return Failure;
        }
        if (args.Length == 0 || (args.Length == 1 && args[0] == "-a"))
        {
            Console.WriteLine($"rows {settings.Rows}; columns {settings.Columns};");
            Console.WriteLine($"{Flag("icanon", settings.Canonical)} {Flag("echo", settings.Echo)} {Flag("isig", settings.Signals)}");
            return 0;
        }
        if (args.Length == 1 && args[0] == "size")
        {
            Console.WriteLine($"{settings.Rows} {settings.Columns}");
            return 0;
        }
        TerminalModes modes = settings.Modes;
        int rows = settings.Rows, columns = settings.Columns;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "icanon": modes |= TerminalModes.Canonical; break;
                case "-icanon": modes &= ~TerminalModes.Canonical; break;
                case "echo": modes |= TerminalModes.Echo; break;
                case "-echo": modes &= ~TerminalModes.Echo; break;
                case "isig": modes |= TerminalModes.Signals; break;
                case "-isig": modes &= ~TerminalModes.Signals; break;
                case "raw": modes &= ~(TerminalModes.Canonical | TerminalModes.Signals); break;
                case "-raw" or "cooked": modes |= TerminalModes.Canonical | TerminalModes.Signals; break;
                case "sane": modes = TerminalModes.Sane; break;
                case "rows" or "columns" or "cols":
                    if (i + 1 == args.Length)
                        return Refuse($"stty: missing argument to '{arg}'");
                    if (!int.TryParse(args[++i], out int value) || value < 1 || value > TtyProtocol.MaxDimension)
                        return Refuse($"stty: invalid integer argument: '{args[i]}'");
                    if (arg == "rows")
                        rows = value;
                    else
                        columns = value;
                    break;
                default:
                    return Refuse($"stty: invalid argument '{arg}'");
            }
        }
        if (rows != settings.Rows || columns != settings.Columns)
            error = Terminal.SetWindowSize(rows, columns);
        if (error.Ok && modes != settings.Modes)
            error = Terminal.SetModes(modes);
        if (error.Failed)
        {
            Console.Error.WriteLine($"stty: {error.Message}");
            return Failure;
        }
        return 0;
    }

    private static string Flag(string name, bool on) => on ? name : "-" + name;

    private static int Refuse(string message) => Ocean.Libc.Commands.Refuse(message, UsageLine, Usage);
}
