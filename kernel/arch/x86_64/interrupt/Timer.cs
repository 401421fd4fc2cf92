namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// The LAPIC timer, calibrated against the PIT, ticking periodically at a configurable rate (the
/// scheduler's time slices); and the monotonic clock, from the TSC calibrated against the PIT at the
/// same time, so it stays right even when a busy host delays timer interrupts.
///
/// Calibration comes in two steps so that boot does not wait for it: a first estimate over a quarter
/// of a millisecond starts the timer, and a refinement some 30 ms later reads the same free-running PIT
/// count again (no waiting) and corrects both rates. The clock never goes backwards across the change.
/// </summary>
public static unsafe class Timer
{
    public const uint DefaultHz = 100;
    private const ulong InterruptFlag = 1UL << 9;   // RFLAGS.IF

    // PIT channel 2, gated through port 0x61, counts down at 1.193182 MHz: one-shot for calibration.
    private const ushort PitChannel2 = 0x42, PitCommand = 0x43, PitGatePort = 0x61;
    private const byte PitChannel2OneShot = 0xB0;   // channel 2, lobyte/hibyte, mode 0, binary
    private const byte PitLatchChannel2 = 0x80;     // read-back: latch channel 2's count
    private const byte GateOn = 0x01, SpeakerOff = 0x02, OutputHigh = 0x20;
    private const uint PitHz = 1_193_182;
    // The first estimate's window (a quarter of a millisecond of PIT counts: within 0.4 % for the 30 ms
    // until the refinement), the refinement's (at least 30 ms, read before the 16-bit count runs out at
    // 54.9 ms), and how far a refinement may move the estimate.
    private const uint QuickCalibrationCounts = PitHz / 4000;
    private const ulong RefineAfterMs = 30, RefineBeforeMs = 50;
    private const ulong RefineToleranceDivisor = 20;   // 5 %
    private const ushort PitFullCount = 0xFFFF;

    private const uint DivideBy16 = 0x3, Periodic = 1 << 17, MaskedTimer = 1 << 16;

    private static ulong _ticks;
    private static uint _initialCount;
    private static ulong _countsPerSecond;
    private static ulong _lastReading;
    private static ulong _tscHz, _tscStart, _baseNanoseconds;

    // The refinement: where the first estimate started (TSC and PIT count), the LAPIC counts and TSC
    // ticks of its window (their ratio is exact enough; only the PIT says how long the window was), and a
    // generation each CPU compares with the one its LAPIC timer was started with.
    private static bool _refinePending;
    private static ulong _refineTsc;
    private static ushort _refinePit;
    private static ulong _quickLapicCounts, _quickTscTicks;
    private static int _generation;
    private struct AppliedGenerations
    {
        public fixed int ByCpu[CpuLocal.MaxCpus];
    }
    private static AppliedGenerations _applied;

    public static ulong TscHz => _tscHz;

    /// <summary>Whether the second calibration step corrected the first estimate (see <see cref="Refine"/>).</summary>
    public static bool Refined { get; private set; }

    public static uint Hz { get; private set; }
    public static ulong Ticks => _ticks;
    public static ulong LapicCountsPerSecond => _countsPerSecond;

    /// <summary>
    /// A first estimate of the LAPIC timer's and the TSC's rates over a quarter millisecond of the PIT, which
    /// then keeps counting for <see cref="Refine"/>.
    /// </summary>
    public static void Calibrate()
    {
        Lapic.Write(Lapic.TimerDivide, DivideBy16);
        Lapic.Write(Lapic.TimerRegister, MaskedTimer);
        StartPitCount(PitFullCount);
        while (ReadPit() > PitFullCount - 2)   // the count loads on the PIT's next clock
            Cpu.Pause();
        // The first and last PIT readings are each bracketed by TSC readings (with the LAPIC's start
        // and end). A virtual CPU that an emulator's host deschedules between a PIT reading and its TSC
        // reading would skew the rates as far as the pause is long (once, at boot, a clock thousands of
        // times too fast, which cut the wait for the other CPUs short): a window whose brackets take
        // more than an eighth of it is measured again.
        for (int attempt = 0; ; attempt++)
        {
            ulong before = Cpu.ReadTimestamp();
            Lapic.Write(Lapic.TimerInitialCount, uint.MaxValue);
            ushort pitStart = ReadPit();
            ulong tscStart = Cpu.ReadTimestamp();
            ushort pitNow;
            ulong beforeLast;
            do
            {
                Cpu.Pause();
                beforeLast = Cpu.ReadTimestamp();
                pitNow = ReadPit();
            }
            while ((ushort)(pitStart - pitNow) < QuickCalibrationCounts);
            uint lapicElapsed = uint.MaxValue - Lapic.Read(Lapic.TimerCurrentCount);
            ulong tscNow = Cpu.ReadTimestamp();
            Lapic.Write(Lapic.TimerInitialCount, 0);
            ulong window = tscNow - before, brackets = tscStart - before + (tscNow - beforeLast);
            if (brackets > window / CalibrationBracketShare && attempt < CalibrationAttempts)
                continue;
            ulong pitElapsed = (ushort)(pitStart - pitNow);
            _quickLapicCounts = lapicElapsed;
            _quickTscTicks = tscNow - tscStart;
            _countsPerSecond = _quickLapicCounts * PitHz / pitElapsed;
            _tscHz = _quickTscTicks * PitHz / pitElapsed;
            _tscStart = tscNow;
            _refineTsc = tscStart;
            _refinePit = pitStart;
            _refinePending = true;
            return;
        }
    }

    // A calibration window is measured again when the TSC reading after the PIT's took more than this
    // share of it, at most this many times (then the last window stands, and the refinement corrects it).
    private const ulong CalibrationBracketShare = 8;
    private const int CalibrationAttempts = 8;

    /// <summary>
    /// The second step: once 30 ms have passed (by the estimate), the PIT's count says exactly how long,
    /// and both rates are corrected. Runs from the first CPU's timer tick (or at once, <paramref name="now"/>,
    /// before a PIT delay takes the channel); a refinement that comes too late for the PIT's 16-bit
    /// count, or that disagrees wildly with the estimate, keeps the estimate.
    /// </summary>
    private static void Refine(bool now)
    {
        if (!_refinePending)
            return;
        // From a tick: once the window is long enough, or at the last tick before the count runs out.
        ulong elapsed = Cpu.ReadTimestamp() - _refineTsc;
        ulong period = Hz == 0 ? 0 : _tscHz / Hz;
        if (!now && elapsed < _tscHz * RefineAfterMs / 1000 && elapsed + period <= _tscHz * RefineBeforeMs / 1000)
            return;
        ushort pitNow = ReadPit();
        ulong tscNow = Cpu.ReadTimestamp();
        _refinePending = false;
        ulong since = tscNow - _refineTsc;
        ulong pitElapsed = (ushort)(_refinePit - pitNow);
        if (since > _tscHz * RefineBeforeMs / 1000 || pitElapsed <= QuickCalibrationCounts)
            return;
        ulong refined = since * PitHz / pitElapsed;
        ulong difference = refined > _tscHz ? refined - _tscHz : _tscHz - refined;
        if (difference > _tscHz / RefineToleranceDivisor)
            return;
        _baseNanoseconds = MonotonicNanoseconds;   // the clock goes on from here at the new rate
        _tscStart = Cpu.ReadTimestamp();
        _tscHz = refined;
        _countsPerSecond = _quickLapicCounts * refined / _quickTscTicks;
        Refined = true;
        if (Hz != 0)
        {
            _initialCount = InitialCountFor(Hz);
            _generation++;
        }
    }

    // A timer started before the refinement takes the corrected count at its next tick.
    private static void ApplyRefinement()
    {
        int cpu = CpuLocal.Current->Index;
        if (_applied.ByCpu[cpu] == _generation)
            return;
        _applied.ByCpu[cpu] = _generation;
        Lapic.Write(Lapic.TimerInitialCount, _initialCount);
    }

    private static uint InitialCountFor(uint hz)
    {
        ulong count = _countsPerSecond / hz;
        return count == 0 ? 1 : count > uint.MaxValue ? uint.MaxValue : (uint)count;
    }

    // Channel 2 counting down from count (mode 0): one-shot for PitDelay, free-running for calibration.
    private static void StartPitCount(ushort count)
    {
        byte gate = Cpu.In8(PitGatePort);
        Cpu.Out8(PitGatePort, (byte)((gate & ~SpeakerOff) & ~GateOn));
        Cpu.Out8(PitCommand, PitChannel2OneShot);
        Cpu.Out8(PitChannel2, (byte)count);
        Cpu.Out8(PitChannel2, (byte)(count >> 8));
        // A rising gate starts the count.
        Cpu.Out8(PitGatePort, (byte)(((gate & ~SpeakerOff) & ~GateOn) | GateOn));
    }

    private static ushort ReadPit()
    {
        Cpu.Out8(PitCommand, PitLatchChannel2);
        byte low = Cpu.In8(PitChannel2);
        return (ushort)(low | (Cpu.In8(PitChannel2) << 8));
    }

    /// <summary>
    /// Busy-waits <paramref name="milliseconds"/> measured by the PIT alone (a clock independent of the
    /// LAPIC timer, so the self-tests can check the timer against it). Interrupts keep arriving.
    /// </summary>
    public static void PitDelay(uint milliseconds)
    {
        Refine(now: true);   // the delay takes channel 2 over: the refinement reads it first, with what window it has
        while (milliseconds > 0)
        {
            uint chunk = milliseconds > MaxPitChunkMs ? MaxPitChunkMs : milliseconds;
            StartPitCount((ushort)(PitHz * chunk / 1000));
            WaitForPit();
            milliseconds -= chunk;
        }
    }

    // The PIT's 16-bit counter lasts at most 54.9 ms.
    private const uint MaxPitChunkMs = 50;

    private static void WaitForPit()
    {
        while ((Cpu.In8(PitGatePort) & OutputHigh) == 0)
            Cpu.Pause();
    }

    /// <summary>Starts periodic interrupts at <paramref name="hz"/> on <see cref="InterruptVectors.LapicTimer"/>.</summary>
    public static void Start(uint hz)
    {
        Hz = hz == 0 ? DefaultHz : hz;
        if (_refinePending && 1000 / Hz >= RefineBeforeMs - RefineAfterMs)
        {
            // Ticks too far apart to land in the refinement's window: refine here, waiting for it once.
            while (Cpu.ReadTimestamp() - _refineTsc < _tscHz * RefineAfterMs / 1000)
                Cpu.Pause();
            Refine(now: true);
        }
        _initialCount = InitialCountFor(Hz);
        Interrupts.Register(InterruptVectors.LapicTimer, &HandleTick);
        StartOnThisCpu();
    }

    /// <summary>Starts the calling CPU's LAPIC timer at the rate (and calibration) the BSP chose.</summary>
    public static void StartOnThisCpu()
    {
        _applied.ByCpu[CpuLocal.Current->Index] = _generation;
        Lapic.Write(Lapic.TimerDivide, DivideBy16);
        Lapic.Write(Lapic.TimerRegister, InterruptVectors.LapicTimer | Periodic);
        Lapic.Write(Lapic.TimerInitialCount, _initialCount);
    }

    /// <summary>Called on every tick after counting it (the scheduler's time slicing).</summary>
    public static delegate*<void> OnTick;

    private static void HandleTick(InterruptFrame* frame)
    {
        // Every CPU takes timer interrupts; the tick count follows the first CPU only.
        if (CpuLocal.Current->Index == 0)
        {
            _ticks++;
            Refine(now: false);
        }
        ApplyRefinement();
        if (OnTick != null)
            OnTick();
    }

    /// <summary>Nanoseconds since calibration, from the TSC; never goes backwards (not even when the rate is refined).</summary>
    public static ulong MonotonicNanoseconds
    {
        get
        {
            // Interrupts stay off for the read: the tick that refines the rate rebases the clock
            // (Refine), and a reader it interrupted between its TSC read and the arithmetic saw a
            // start after its own count and returned a time centuries ahead, which the clock then
            // kept (a boot's wait for the other CPUs ended at once; "services up 7099173696665 ms").
            bool interrupts = (Cpu.ReadFlags() & InterruptFlag) != 0;
            Cpu.DisableInterrupts();
            ulong now = ClockArithmetic.Nanoseconds(Cpu.ReadTimestamp(), _tscStart, _tscHz, _baseNanoseconds);
            if (now < _lastReading)
                now = _lastReading;
            _lastReading = now;
            if (interrupts)
                Cpu.EnableInterrupts();
            return now;
        }
    }
}
