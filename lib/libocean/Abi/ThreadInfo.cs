namespace Ocean.Abi;

/// <summary>What thread_read reports (and the process server passes on) about one thread of a process (the layout shared by the kernel and ps -T).</summary>
public struct ThreadInfo
{
    public const int StateReady = 0, StateRunning = 1, StateBlocked = 2, StateSleeping = 3;

    public int Id;
    /// <summary>The CPU it runs on now (<see cref="StateRunning"/>) or ran on last.</summary>
    public int Cpu;
    public int State;
    public int Priority;
}
