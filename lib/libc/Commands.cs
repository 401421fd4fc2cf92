namespace Ocean.Libc;

/// <summary>
/// The shapes the small utilities share: a usage line, "program: operand: what went wrong" for a
/// failure, and one action per path (rm, mkdir, rmdir, touch).
/// </summary>
public static class Commands
{
    public const int UsageError = 2;

    /// <summary>"usage: SYNOPSIS" on standard output; returns <see cref="UsageError"/>, the status to exit with.</summary>
    public static int Usage(string synopsis)
    {
        Stdio.Write("usage: ");
        Stdio.WriteLine(synopsis);
        return UsageError;
    }

    /// <summary>
    /// "program OPERAND...": <paramref name="action"/> on every path (mkdir, rmdir, rm, touch); the exit
    /// status is 0, 1 if any failed (each failure told), or 2 with a usage line for no paths.
    /// </summary>
    public static int ForEachPath(string program, string operand, string[] paths, PathAction action)
    {
        if (paths.Length == 0)
        {
            Stdio.Write("usage: ");
            Stdio.Write(program);
            Stdio.Write(' ');
            Stdio.Write(operand);
            Stdio.WriteLine("...");
            return UsageError;
        }
        int status = 0;
        for (int i = 0; i < paths.Length; i++)
            status |= Check(program, paths[i], action switch
            {
                PathAction.MakeDirectory => Files.MakeDirectory(paths[i]),
                PathAction.RemoveDirectory => Files.RemoveDirectory(paths[i]),
                PathAction.Remove => Files.Remove(paths[i]),
                _ => Files.Touch(paths[i]),
            });
        return status;
    }

    /// <summary>
    /// A refused command line: <paramref name="message"/> and the <paramref name="usageLine"/> (the
    /// whole "usage: …" line) on standard error; returns <paramref name="status"/>, the status to exit with.
    /// </summary>
    public static int Refuse(string message, string usageLine, int status)
    {
        System.Console.Error.WriteLine(message);
        System.Console.Error.WriteLine(usageLine);
        return status;
    }

    /// <summary>"program: subject: what went wrong" for a failure; the status a utility exits with: 0 or 1.</summary>
    public static int Check(string program, string subject, Error error)
    {
        if (error.Ok)
            return 0;
        Errors.Report(program, subject, error);
        return 1;
    }
}

/// <summary>What <see cref="Commands.ForEachPath"/> does to each path.</summary>
public enum PathAction
{
    MakeDirectory,
    RemoveDirectory,
    Remove,
    Touch,
}
