namespace Ocean.Libc;

/// <summary>
/// The shapes the small file utilities share: one action per operand (rm, mkdir, rmdir, touch), or a
/// source and a target (cp, mv); "program: operand: what went wrong" for each failure, a usage line
/// when the operands are missing.
/// </summary>
public static unsafe class Commands
{
    public const int UsageError = 2;

    /// <summary>"usage: SYNOPSIS" on standard output; returns <see cref="UsageError"/>, the status to exit with.</summary>
    public static int Usage(string synopsis)
    {
        Stdio.Write("usage: ");
        Stdio.WriteLine(synopsis);
        return UsageError;
    }

    /// <summary>"program: subject: what went wrong" for a failure; the status a utility exits with: 0 or 1.</summary>
    public static int Check(string program, string subject, Error error)
    {
        if (error.Ok)
            return 0;
        Errors.Report(program, subject, error);
        return 1;
    }

    /// <summary>Runs <paramref name="action"/> on every argument; exit status 0, 1 if any failed, or 2 for none.</summary>
    public static int ForEachOperand(string program, string operand, delegate*<byte*, long> action)
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.Write("usage: ");
            Stdio.Write(program);
            Stdio.Write(' ');
            Stdio.Write(operand);
            Stdio.WriteLine("...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = action(Runtime.Argument(i));
            if (result < 0)
            {
                Errors.Report(program, Runtime.Argument(i), result);
                status = 1;
            }
        }
        return status;
    }

    /// <summary>
    /// cp and mv: "program SOURCE TARGET", with the target made TARGET/NAME when it is a directory
    /// (<see cref="Files.Destination"/>) into <paramref name="target"/> (room for <see cref="Files.MaxPath"/> + 1).
    /// False, with the usage or the problem told and <paramref name="status"/> set, when the operands will not do.
    /// </summary>
    public static bool SourceAndTarget(string program, byte* target, out byte* source, out int status)
    {
        source = null;
        status = 0;
        if (Runtime.ArgumentCount != 3)
        {
            Stdio.Write("usage: ");
            Stdio.Write(program);
            Stdio.WriteLine(" SOURCE TARGET");
            status = UsageError;
            return false;
        }
        source = Runtime.Argument(1);
        if (Files.Destination(source, Runtime.Argument(2), target))
            return true;
        Errors.Report(program, Runtime.Argument(2), -Ocean.Abi.Errno.ENAMETOOLONG);
        status = 1;
        return false;
    }
}
