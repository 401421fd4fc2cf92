namespace Ocean.Tests.BadClient;

using Ocean.Protocols;

/// <summary>Malformed <see cref="InitRequest"/>s to init (never PowerOff: that is a valid request).</summary>
public static unsafe partial class Program
{
    private const ulong HugeIndex = 1UL << 40;

    private static void BadInitRequests()
    {
        const string Init = "init";
        const long Slot = ServiceSlot.Init;
        Expect(Init, "unknown-label", Slot, Request(UnknownLabel));
        Expect(Init, "ServiceStatus-huge-index", Slot, Request((uint)InitRequest.ServiceStatus, HugeIndex));
        // A name no service has, and 16 bytes with no terminator: neither names a service.
        const string Unknown = "nosuchservice";
        for (int i = 0; i < Unknown.Length; i++)
            _scratch[i] = (byte)Unknown[i];
        IpcMessage lookup = Request((uint)InitRequest.Lookup);
        MessageText.Pack(_scratch, Unknown.Length, lookup.Words + InitProtocol.LookupNameWord, InitProtocol.NameWords);
        Expect(Init, "Lookup-unknown-name", Slot, lookup);
        Expect(Init, "Lookup-unterminated-name", Slot, Request((uint)InitRequest.Lookup, ulong.MaxValue, ulong.MaxValue));
        StillServing(Init, "ServiceStatus-0", Slot, Request((uint)InitRequest.ServiceStatus, 0));
    }
}
