namespace Ocean.Kernel.SelfTest;

using Ocean.Kernel.Sched;

/// <summary>The lock-order check: locks taken outermost first pass; the reverse is caught and named.</summary>
public static class LockOrderSelfTests
{
    public static void Run()
    {
        bool wasEnabled = LockOrder.Enabled;
        LockOrder.Enabled = true;
        LockOrder.PanicOnViolation = false;   // count it here instead of stopping the machine
        var outer = new RankedSpinLock(LockRank.Process);
        var inner = new RankedSpinLock(LockRank.RunQueue);
        int before = LockOrder.Violations;

        outer.Acquire();
        inner.Acquire();
        inner.Release();
        outer.Release();
        bool inOrderPasses = LockOrder.Violations == before;

        inner.Acquire();
        outer.Acquire();
        outer.Release();
        inner.Release();
        bool reverseCaught = LockOrder.Violations == before + 1;

        LockOrder.PanicOnViolation = true;
        LockOrder.Enabled = wasEnabled;
        SelfTestRunner.Check(inOrderPasses && reverseCaught, "locks: taken in rank order they pass the lock-order check; in reverse order it catches them");
    }
}
