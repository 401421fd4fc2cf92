namespace Ocean.Libc;

/// <summary>
/// The shape every small file utility shares (rm, mkdir, rmdir, touch): one action per operand,
/// "program: operand: what went wrong" for each failure, a usage line when there is no operand.
/// </summary>
public static unsafe class Commands
{
    public const int UsageError = 2;

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
}
