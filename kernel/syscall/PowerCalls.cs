namespace Ocean.Syscall;

using Ocean.Abi;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Lib;
using Ocean.Proc;

/// <summary>power_off: only init may end the machine; everyone else asks init (which decides).</summary>
public static class PowerCalls
{
    public static long PowerOff()
    {
        if (Processes.Current.Pid != Processes.InitPid)
            return -Errno.EPERM;
        Console.WriteLine("ocean: powering off");
        Ocean.Arch.X86_64.Cpu.PowerOff.Shutdown();
        return 0;
    }
}
