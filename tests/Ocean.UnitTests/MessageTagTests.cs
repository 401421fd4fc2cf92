#nullable enable
namespace Ocean.UnitTests;

using Ocean.Abi;

/// <summary>The IPC tag encoding shared by the kernel and lib/libocean (lib/libocean/Abi/Ipc.cs).</summary>
public class MessageTagTests
{
    [Fact]
    public void LabelAndLengthRoundTrip()
    {
        ulong tag = MessageTag.Make(0xDEADBEEF, 64);
        Assert.Equal(0xDEADBEEFu, MessageTag.Label(tag));
        Assert.Equal(64, MessageTag.Length(tag));
        Assert.Equal(0, MessageTag.Capabilities(tag));
        Assert.Equal(0, MessageTag.Error(tag));
        Assert.Equal(-1, MessageTag.ReceiveSlot(tag));
        Assert.False(MessageTag.HasGrant(tag));
    }

    [Fact]
    public void FieldsDoNotDisturbEachOther()
    {
        ulong tag = MessageTag.Make(7, 16) | MessageTag.NonBlocking;
        tag = MessageTag.WithCapabilities(tag, 3);
        tag = MessageTag.WithError(tag, (int)Errno.ENOSPC);
        tag = MessageTag.AcceptCapabilitiesAt(tag, 40);
        Assert.Equal(7u, MessageTag.Label(tag));
        Assert.Equal(16, MessageTag.Length(tag));
        Assert.Equal(3, MessageTag.Capabilities(tag));
        Assert.Equal((int)Errno.ENOSPC, MessageTag.Error(tag));
        Assert.Equal(40, MessageTag.ReceiveSlot(tag));
        Assert.NotEqual(0UL, tag & MessageTag.NonBlocking);
        Assert.Equal(tag & ~MessageTag.ReceiveSlotMask, MessageTag.AcceptCapabilitiesAt(tag, 12) & ~MessageTag.ReceiveSlotMask);
        Assert.Equal(12, MessageTag.ReceiveSlot(MessageTag.AcceptCapabilitiesAt(tag, 12)));
    }

    [Theory]
    [InlineData(1, false, new[] { 7 })]
    [InlineData(2, false, new[] { 6, 7 })]
    [InlineData(1, true, new[] { 5 })]
    [InlineData(4, true, new[] { 2, 3, 4, 5 })]
    public void CapabilitiesSitInTheLastWordsBeforeAGrant(int count, bool grant, int[] words)
    {
        ulong tag = MessageTag.WithCapabilities(MessageTag.Make(1, 0) | (grant ? MessageTag.GrantRead : 0), count);
        for (int i = 0; i < count; i++)
            Assert.Equal(words[i], MessageTag.CapabilityWord(tag, i));
        Assert.True(MessageTag.CapabilityWord(tag, count - 1) < (grant ? MessageTag.GrantAddressWord : IpcLayout.MessageWords));
    }

    [Fact]
    public void WithErrorReplacesThePreviousError()
    {
        ulong tag = MessageTag.WithError(MessageTag.WithError(0, 200), 5);
        Assert.Equal(5, MessageTag.Error(tag));
    }
}
