namespace Ocean.SystemTests;

using System.Text.RegularExpressions;
using Ocean.Packaging;

/// <summary>
/// The default image boots to init, which starts the shell on the console; a session is typed as a
/// person would: one line at each prompt.
/// </summary>
public class ShellTests
{
    private const string Prompt = "ocean$ ";

    [Fact]
    public void ASessionAtTheShell()
    {
        string[] lines =
        {
            "help",
            "echo 'single  quoted' \"double $? quoted\" back\\ slash",
            "pid",
            "version",
            "nosuchprogram",
            "echo status $?",
            "sh",
            "exit 3",
            "echo nested shell ended with $?",
            "echo 'unterminated",
            "/bin/echo external   echo",
            "false",
            "echo false gave $?",
            "true",
            "echo true gave $?",
            "sleep 1",
            "sleep soon",
            "echo sleep soon gave $?",
            "kill 9999",
            "cat\nmeow\n\u0004",
        };
        // One line per prompt, then Ctrl-D on an empty line.
        var session = lines.Select(l => new ConsoleStep(Prompt, l + "\n")).Append(new ConsoleStep(Prompt, "\u0004")).ToList();
        QemuRun run = Qemu.Run(Qemu.Arguments(BootPath.Direct, OceanEnvironment.DefaultImage(), OceanEnvironment.Iso), OceanEnvironment.ImageDirectory,
            "init: starting sh again (restart 1)", TimeSpan.FromSeconds(90), session);
        Directory.CreateDirectory(Path.Combine(OceanEnvironment.Artifacts, "logs"));
        File.WriteAllText(Path.Combine(OceanEnvironment.Artifacts, "logs", "shell-session.log"), run.Log);
        Boot.Require(run, run.MatchedExpectation, "the shell session did not end with init starting the shell again");
        Boot.RequireMatch(run, @"^ocean\$ help\nBuilt-in commands:$");
        Boot.RequireMatch(run, @"^single  quoted double 0 quoted back slash$");
        Boot.RequireMatch(run, @"^ocean\$ pid\n\d+$");                       // the shell's own process id
        // version: the kernel and every module, with the versions the manifest composed.
        ImageManifest manifest = OceanEnvironment.Manifest;
        Boot.RequireMatch(run, $@"^ocean\$ version\n{Regex.Escape(manifest.Kernel.Package)}@{Regex.Escape(manifest.Kernel.Version)}$");
        foreach (ComponentRef module in manifest.Modules)
            Boot.RequireMatch(run, $@"^{Regex.Escape(module.Package)}@{Regex.Escape(module.Version)}$");
        Boot.RequireMatch(run, @"^sh: nosuchprogram: command not found$");
        Boot.RequireMatch(run, @"^status 127$");
        Boot.RequireMatch(run, @"^nested shell ended with 3$");
        Boot.RequireMatch(run, @"^sh: unterminated quote$");
        // The utilities, each its own package, run as external commands.
        Boot.RequireMatch(run, @"^external echo$");
        Boot.RequireMatch(run, @"^false gave 1$");
        Boot.RequireMatch(run, @"^true gave 0$");
        Boot.RequireMatch(run, @"^usage: sleep SECONDS \(0 to 86400\)$");
        Boot.RequireMatch(run, @"^sleep soon gave 2$");
        Boot.RequireMatch(run, @"^kill: 9999: no such process$");
        Boot.RequireMatch(run, @"^meow\n\n?meow$");   // typed (echoed, with the line end typed after Ctrl-D), then copied by cat
        // Ctrl-D on the empty line ended the shell with the last status (cat's 0); init started it again.
        Boot.RequireMatch(run, @"^init: sh exited with status 0$");
        Boot.Require(run, !run.Log.Contains("KERNEL PANIC"), "the kernel panicked");
    }
}
