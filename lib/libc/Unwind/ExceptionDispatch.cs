namespace Ocean.Libc.Unwind;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>
/// Exceptions in programs: the core library's RhpThrowEx and RhpRethrow hand over here
/// (<see cref="ExceptionHandling"/>'s hooks, set at start-up). Two passes over the frames from the
/// thrower up, as NativeAOT's runtime does: the first finds the innermost catch whose type the
/// exception is; the second runs every finally block the exception leaves on the way (innermost
/// first; in the catching frame only those inside the catch's try); then the catch block runs with
/// its frame's registers and the frame resumes where the block says. A catch block that is running
/// is remembered with its method's frame, so an exception thrown out of it (a new one, or
/// <c>throw;</c>) goes on from that frame's clauses outside the catch. No catch: the exception's
/// message and the trace from the thrower, and the program ends. Not yet: an exception thrown out of
/// a filter or a finally block, several threads throwing at once (the running catches
/// are one list per program), faults as exceptions (docs/design/managed-runtime.md, steps 4 and 5).
/// </summary>
public static unsafe class ExceptionDispatch
{
    private const int MaxFrames = 256;
    private const int UnhandledStatus = 134;
    private const int MaxRunningCatches = 16;
    // Frames between Run's capture and the thrower: Run, the hook (Dispatch or Rethrow), RhpThrowEx or RhpRethrow.
    private const int DispatchFrames = 3;

    // The catch blocks running, innermost last: the exception, the block's start, its method's frame
    // and the catch's place in that method's clause list.
    private static object[] _exceptions;
    private static FrameRegisters* _frames;
    private static ulong* _handlers;
    private static int* _clauses;
    private static int _running;

    [RuntimeImport("*", "OceanCaptureRegisters")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CaptureRegisters(FrameRegisters* registers);

    [RuntimeImport("*", "OceanCallCatchFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallCatchFunclet(object exception, ulong funclet, FrameRegisters* frame);

    [RuntimeImport("*", "OceanCallFilterFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern bool CallFilterFunclet(object exception, ulong funclet, FrameRegisters* frame);

    [RuntimeImport("*", "OceanCallFinallyFunclet")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern void CallFinallyFunclet(ulong funclet, FrameRegisters* frame);

    /// <summary>Called once by the runtime's start, before any program code.</summary>
    internal static void Install()
    {
        ExceptionHandling.Dispatch = &Dispatch;
        ExceptionHandling.Rethrow = &Rethrow;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Dispatch(object exception) => Run(exception);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Rethrow()
    {
        if (_running == 0)
            Internal.Runtime.RuntimeImports.FatalError("throw; outside a catch block");
        Run(_exceptions[_running - 1]);
    }

    /// <summary>A catch block returned normally (OceanCallCatchFunclet, before its frame resumes): it is no longer running.</summary>
    [RuntimeExport("OceanCatchEnded")]
    private static void CatchEnded()
    {
        if (_running > 0)
            _exceptions[--_running] = null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run(object exception)
    {
        if (_exceptions == null)
        {
            _exceptions = new object[MaxRunningCatches];
            _frames = (FrameRegisters*)Heap.Allocate((nuint)(sizeof(FrameRegisters) * MaxRunningCatches));
            _handlers = (ulong*)Heap.Allocate((nuint)(sizeof(ulong) * MaxRunningCatches));
            _clauses = (int*)Heap.Allocate((nuint)(sizeof(int) * MaxRunningCatches));
        }
        FrameRegisters thrower;
        CaptureRegisters(&thrower);
        EhFrame table = StackTrace.Table();
        for (int step = 0; step < DispatchFrames; step++)
            if (!StackTrace.StepOut(table, ref thrower))
                Unhandled(exception, thrower);

        // Pass 1: the innermost catch.
        var walk = new Walk(table, thrower, _running);
        bool found = false;
        EhClause catchClause = default;
        ulong catchMethod = 0;
        for (int depth = 0; depth < MaxFrames && !found; depth++)
        {
            if (!walk.Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after))
                break;
            EhClauses.Covering covering = any ? clauses.ClausesCovering(offset) : default;
            while (any && covering.Next(out EhClause clause))
                if (clause.Index > after && Catches(in clause, clauses.MethodStart, exception, walk.Registers))
                {
                    found = true;
                    catchClause = clause;
                    catchMethod = clauses.MethodStart;
                    break;
                }
            if (!found && !walk.Next())
                break;
        }
        if (!found)
            Unhandled(exception, thrower);
        FrameRegisters handlerFrame = walk.Registers;
        int catchDepth = walk.Depth;

        // Pass 2: the finally blocks on the way, the catching frame's own inner ones last.
        walk = new Walk(table, thrower, _running);
        while (true)
        {
            if (walk.Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after) && any)
            {
                EhClauses.Covering covering = clauses.ClausesCovering(offset);
                while (covering.Next(out EhClause clause))
                {
                    if (walk.Depth == catchDepth && clause.Index >= catchClause.Index)
                        break;
                    if (clause.Index > after && clause.Kind == EhClauseKind.Fault)
                    {
                        FrameRegisters registers = walk.Registers;
                        CallFinallyFunclet(clauses.MethodStart + clause.HandlerOffset, &registers);
                        walk.Registers = registers;
                    }
                }
            }
            if (walk.Depth == catchDepth || !walk.Next())
                break;
        }
        handlerFrame = walk.Registers;

        // The catch blocks this exception leaves are over; this one runs.
        while (_running > 0 && _frames[_running - 1].Rsp <= handlerFrame.Rsp)
            _exceptions[--_running] = null;
        if (_running == MaxRunningCatches)
            Internal.Runtime.RuntimeImports.FatalError("exceptions nested too deeply");
        _exceptions[_running] = exception;
        _frames[_running] = handlerFrame;
        _handlers[_running] = catchMethod + catchClause.HandlerOffset;
        _clauses[_running] = catchClause.Index;
        _running++;
        CallCatchFunclet(exception, catchMethod + catchClause.HandlerOffset, &handlerFrame);
    }

    /// <summary>
    /// The frames from the thrower up, passing from a running catch block to its method's frame (where
    /// the search goes on outside that catch) instead of into the dispatcher that called the block.
    /// </summary>
    private struct Walk
    {
        private readonly EhFrame _table;
        private int _catch;   // the running catch block the walk reaches next, from the innermost
        private int _after;   // in this frame, only clauses past this index count (-1: all)
        private FrameDescription _description;
        private bool _inFunclet;
        public FrameRegisters Registers;
        public int Depth;

        public Walk(EhFrame table, FrameRegisters start, int running)
        {
            _table = table;
            _catch = running - 1;
            _after = -1;
            _description = default;
            _inFunclet = false;
            Registers = start;
            Depth = 0;
        }

        /// <summary>
        /// Whether the walk has a frame here; if so, whether it has clauses (<paramref name="any"/>),
        /// the offset it is at, and the index its clauses must be past.
        /// </summary>
        public bool Clauses(out bool any, out EhClauses clauses, out ulong offset, out int after)
        {
            clauses = default;
            offset = 0;
            after = _after;
            any = false;
            ulong location = Registers.Rip - 1;
            if (!_table.TryFind(location, out _description))
                return false;
            _inFunclet = _catch >= 0 && _description.Start == _handlers[_catch];
            any = EhClauses.TryRead(in _description, out clauses);
            if (any)
                offset = location - clauses.MethodStart;
            return true;
        }

        /// <summary>To the caller's frame (or, from a running catch block, to its method's frame).</summary>
        public bool Next()
        {
            Depth++;
            if (_inFunclet)
            {
                Registers = _frames[_catch];
                _after = _clauses[_catch];
                _catch--;
                _inFunclet = false;
                return true;
            }
            _after = -1;
            ulong location = Registers.Rip - 1;
            return _description.Start != 0 && CallFrameRules.Step(in _description, location, ref Registers);
        }
    }

    // Whether a clause catches the exception: a typed catch by its type, a filtered one by its filter
    // (C#'s `when`), run with the frame's registers.
    private static bool Catches(in EhClause clause, ulong methodStart, object exception, FrameRegisters frame) =>
        clause.Kind == EhClauseKind.Typed ? ExceptionHandling.IsInstanceOf(clause.CatchType, exception)
        : clause.Kind == EhClauseKind.Filter && CallFilterFunclet(exception, methodStart + clause.FilterOffset, &frame);

    private static void Unhandled(object exception, FrameRegisters thrower)
    {
        string message = exception is System.Exception e && e.Message is not null ? e.Message : "(no message)";
        Stdio.Write("Unhandled exception: ");
        // The type's name: its MethodTable's symbol, which the program's table carries.
        if (StackTrace.Symbols().TryFind(**(ulong**)Unsafe.AsPointer(ref exception), out byte* name, out int length, out ulong offset) && offset == 0)
        {
            Stdio.Write(name, length);
            Stdio.Write(": ");
        }
        Stdio.WriteLine(message);
        StackTrace.Write(thrower);
        Runtime.Exit(UnhandledStatus);
    }
}
