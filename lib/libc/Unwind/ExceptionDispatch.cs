namespace Ocean.Libc.Unwind;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// Exceptions in programs: the core library's RhpThrowEx hands a thrown object here
/// (<see cref="ExceptionHandling.Dispatch"/>, set at start-up). Two passes over the frames from the
/// thrower up, as NativeAOT's runtime does: the first finds the innermost catch whose type the
/// exception is; the second runs every finally block the exception leaves on the way (innermost
/// first, in the catching frame only those inside the catch's try); then the catch block runs with
/// its frame's registers and the frame resumes where the block says. No catch: the exception's
/// message and the trace from the thrower, and the program ends. Not yet: filters (<c>when</c>),
/// rethrow, an exception thrown out of a catch or finally block, faults as exceptions
/// (docs/design/managed-runtime.md, steps 4 and 5).
/// </summary>
public static unsafe class ExceptionDispatch
{
    private const int MaxFrames = 256;
    private const int UnhandledStatus = 134;

    [RuntimeImport("*", "OceanCaptureRegisters")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CaptureRegisters(FrameRegisters* registers);

    [RuntimeImport("*", "OceanCallCatchFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallCatchFunclet(object exception, ulong funclet, FrameRegisters* frame);

    [RuntimeImport("*", "OceanCallFinallyFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallFinallyFunclet(ulong funclet, FrameRegisters* frame);

    /// <summary>Called once by the runtime's start, before any program code.</summary>
    internal static void Install() => ExceptionHandling.Dispatch = &Dispatch;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Dispatch(object exception)
    {
        FrameRegisters thrower;
        CaptureRegisters(&thrower);   // in this method; one frame up is RhpThrowEx, two its caller
        EhFrame table = StackTrace.Table();
        if (!StepOut(table, ref thrower) || !StepOut(table, ref thrower))
            Unhandled(exception, thrower);

        // Pass 1: the innermost catch.
        FrameRegisters frame = thrower;
        int catchDepth = -1;
        EhClause catchClause = default;
        ulong catchMethod = 0;
        for (int depth = 0; depth < MaxFrames && catchDepth < 0; depth++)
        {
            ulong location = frame.Rip - 1;
            if (!table.TryFind(location, out FrameDescription description))
                break;
            if (EhClauses.TryRead(in description, out EhClauses clauses))
            {
                EhClauses.Covering covering = clauses.ClausesCovering(location - clauses.MethodStart);
                while (covering.Next(out EhClause clause))
                    if (clause.Kind == EhClauseKind.Typed && ExceptionHandling.IsInstanceOf(clause.CatchType, exception))
                    {
                        catchDepth = depth;
                        catchClause = clause;
                        catchMethod = clauses.MethodStart;
                        break;
                    }
            }
            if (catchDepth < 0 && !CallFrameRules.Step(in description, location, ref frame))
                break;
        }
        if (catchDepth < 0)
            Unhandled(exception, thrower);

        // Pass 2: the finally blocks on the way, the catching frame's own inner ones last.
        frame = thrower;
        for (int depth = 0; depth <= catchDepth; depth++)
        {
            ulong location = frame.Rip - 1;
            table.TryFind(location, out FrameDescription description);
            if (EhClauses.TryRead(in description, out EhClauses clauses))
            {
                EhClauses.Covering covering = clauses.ClausesCovering(location - clauses.MethodStart);
                while (covering.Next(out EhClause clause))
                {
                    if (depth == catchDepth && clause.Index >= catchClause.Index)
                        break;
                    if (clause.Kind == EhClauseKind.Fault)
                        CallFinallyFunclet(clauses.MethodStart + clause.HandlerOffset, &frame);
                }
            }
            if (depth < catchDepth)
                CallFrameRules.Step(in description, location, ref frame);
        }
        CallCatchFunclet(exception, catchMethod + catchClause.HandlerOffset, &frame);
    }

    // From a frame to its caller's; false when the walk cannot go on.
    private static bool StepOut(EhFrame table, ref FrameRegisters registers)
    {
        ulong location = registers.Rip - 1;
        return table.TryFind(location, out FrameDescription description) && CallFrameRules.Step(in description, location, ref registers);
    }

    private static void Unhandled(object exception, FrameRegisters thrower)
    {
        string message = exception is System.Exception e && e.Message is not null ? e.Message : "(no message)";
        Stdio.Write("Unhandled exception: ");
        Stdio.WriteLine(message);
        StackTrace.Write(thrower);
        Runtime.Exit(UnhandledStatus);
    }
}
