namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// The LAPIC timer, calibrated against the PIT, ticking periodically at a configurable rate (the
/// scheduler's time slices); and the monotonic clock, from the TSC calibrated against the PIT at the
/// same time, so it stays right even when a busy host delays timer interrupts.
/// </summary>
public static unsafe class Timer
{
    public const uint DefaultHz = 100;
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    // PIT channel 2, gated through port 0x61, counts down at 1.193182 MHz: one-shot for calibration.
    private const ushort PitChannel2 = 0x42, PitCommand = 0x43, PitGatePort = 0x61;
    private const byte PitChannel2OneShot = 0xB0;   // channel 2, lobyte/hibyte, mode 0, binary
    private const byte GateOn = 0x01, SpeakerOff = 0x02, OutputHigh = 0x20;
    private const uint PitHz = 1_193_182;
    private const uint CalibrationMs = 10;

    private const uint DivideBy16 = 0x3, Periodic = 1 << 17, MaskedTimer = 1 << 16;

    private static ulong _ticks;
    private static uint _initialCount;
    private static ulong _countsPerSecond;
    private static ulong _lastReading;
    private static ulong _tscHz, _tscStart;

    public static ulong TscHz => _tscHz;

    public static uint Hz { get; private set; }
    public static ulong Ticks => _ticks;
    public static ulong LapicCountsPerSecond => _countsPerSecond;

    /// <summary>Counts the LAPIC timer's decrements during a PIT-measured interval.</summary>
    public static void Calibrate()
    {
        Lapic.Write(Lapic.TimerDivide, DivideBy16);
        Lapic.Write(Lapic.TimerRegister, MaskedTimer);
        StartPitOneShot(CalibrationMs);
        Lapic.Write(Lapic.TimerInitialCount, uint.MaxValue);
        ulong tscStart = Cpu.ReadTimestamp();
        WaitForPit();
        uint elapsed = uint.MaxValue - Lapic.Read(Lapic.TimerCurrentCount);
        ulong tscElapsed = Cpu.ReadTimestamp() - tscStart;
        Lapic.Write(Lapic.TimerInitialCount, 0);
        _countsPerSecond = (ulong)elapsed * 1000 / CalibrationMs;
        _tscHz = tscElapsed * 1000 / CalibrationMs;
        _tscStart = Cpu.ReadTimestamp();
    }

    /// <summary>
    /// Busy-waits <paramref name="milliseconds"/> measured by the PIT alone (a clock independent of the
    /// LAPIC timer, so the self-tests can check the timer against it). Interrupts keep arriving.
    /// </summary>
    public static void PitDelay(uint milliseconds)
    {
        while (milliseconds > 0)
        {
            uint chunk = milliseconds > MaxPitChunkMs ? MaxPitChunkMs : milliseconds;
            StartPitOneShot(chunk);
            WaitForPit();
            milliseconds -= chunk;
        }
    }

    // The PIT's 16-bit counter lasts at most 54.9 ms.
    private const uint MaxPitChunkMs = 50;

    private static void StartPitOneShot(uint milliseconds)
    {
        uint pitCount = PitHz * milliseconds / 1000;
        byte gate = Cpu.In8(PitGatePort);
        Cpu.Out8(PitGatePort, (byte)((gate & ~SpeakerOff) & ~GateOn));
        Cpu.Out8(PitCommand, PitChannel2OneShot);
        Cpu.Out8(PitChannel2, (byte)pitCount);
        Cpu.Out8(PitChannel2, (byte)(pitCount >> 8));
        // A rising gate starts the count.
        Cpu.Out8(PitGatePort, (byte)(((gate & ~SpeakerOff) & ~GateOn) | GateOn));
    }

    private static void WaitForPit()
    {
        while ((Cpu.In8(PitGatePort) & OutputHigh) == 0)
            Cpu.Pause();
    }

    /// <summary>Starts periodic interrupts at <paramref name="hz"/> on <see cref="InterruptVectors.LapicTimer"/>.</summary>
    public static void Start(uint hz)
    {
        Hz = hz == 0 ? DefaultHz : hz;
        _initialCount = (uint)(_countsPerSecond / Hz);
        if (_initialCount == 0)
            _initialCount = 1;
        Interrupts.Register(InterruptVectors.LapicTimer, &HandleTick);
        StartOnThisCpu();
    }

    /// <summary>Starts the calling CPU's LAPIC timer at the rate (and calibration) the BSP chose.</summary>
    public static void StartOnThisCpu()
    {
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
            _ticks++;
        if (OnTick != null)
            OnTick();
    }

    /// <summary>Nanoseconds since calibration, from the TSC; never goes backwards.</summary>
    public static ulong MonotonicNanoseconds
    {
        get
        {
            if (_tscHz == 0)
                return 0;
            ulong delta = Cpu.ReadTimestamp() - _tscStart;
            // Split so the multiplication cannot overflow: whole seconds, then the remainder.
            ulong now = delta / _tscHz * NanosecondsPerSecond + delta % _tscHz * NanosecondsPerSecond / _tscHz;
            if (now < _lastReading)
                now = _lastReading;
            _lastReading = now;
            return now;
        }
    }
}
