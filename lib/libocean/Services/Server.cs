namespace Ocean;

using Ocean.Abi;

/// <summary>
/// The server side of every protocol: a subclass answers one request in <see cref="Handle"/>, and
/// <see cref="Serve"/> runs the loop (one <c>ReplyReceive</c> per request: the reply goes out and the
/// next request comes in with a single system call).
/// </summary>
public abstract unsafe class Server
{
    /// <summary>
    /// <see cref="Handle"/>'s answer when the kernel holds no reply right any more: after <see cref="Park"/>
    /// (the reply goes out later through <see cref="AnswerParked"/>), or after the process server's exec.
    /// </summary>
    protected const long ReplyLater = 1;

    /// <summary>
    /// The pid of the process whose request <see cref="Handle"/> is answering, on an endpoint made with
    /// <see cref="EndpointFlags.IdentifyCallers"/> (the kernel says it; a badge cannot, since fork copies
    /// it); 0 on other endpoints.
    /// </summary>
    protected long CallerPid { get; private set; }

    /// <summary>Where capabilities sent with a request land; -1 (the default) accepts none.</summary>
    protected virtual int LandingSlot => -1;

    /// <summary>
    /// Answers the request in <paramref name="message"/> in place. Returns 0 with the reply's words
    /// set (words it does not set keep the request's values) and its tag giving their length (and any
    /// capabilities sent back), a negative errno, which the caller receives as the reply's label, or
    /// <see cref="ReplyLater"/> once it has parked the request (<see cref="Park"/>).
    /// </summary>
    protected abstract long Handle(IpcMessage* message);

    /// <summary>The notification bound to this server's thread fired with <paramref name="bits"/>.</summary>
    protected virtual void Notified(ulong bits)
    {
    }

    /// <summary>The previous reply has gone out (called as the next message arrives): free what it carried.</summary>
    protected virtual void Replied()
    {
    }

    /// <summary>Keeps the request being handled for a later answer; its ticket, or a negative errno. Then return <see cref="ReplyLater"/>.</summary>
    protected static long Park() => Ipc.ReplyPark();

    /// <summary>Answers a parked request: <paramref name="error"/> (negative errno) or 0 with <paramref name="reply"/>'s words.</summary>
    protected static long AnswerParked(long ticket, long error, IpcMessage* reply)
    {
        reply->Tag = error < 0 ? MessageTag.Make((uint)-error, 0) : MessageTag.Make(0, MessageTag.Length(reply->Tag));
        return Ipc.ReplyParked(ticket, reply);
    }

    /// <summary>Serves <paramref name="endpoint"/> until it cannot receive on it; returns that error.</summary>
    public long Serve(long endpoint)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.AcceptCapabilitiesAt(0, LandingSlot);
        long result = Ipc.Receive(endpoint, &message);
        while (true)
        {
            if (result < 0)
            {
                // Either the reply was refused (the caller must not wait for ever: it gets EIO) or
                // the receive failed; a fresh receive tells which.
                IpcMessage failure = default;
                failure.Tag = MessageTag.Make((uint)Errno.EIO, 0);
                Ipc.Reply(&failure);
                message = default;
                message.Tag = MessageTag.AcceptCapabilitiesAt(0, LandingSlot);
                result = Ipc.Receive(endpoint, &message);
                if (result < 0)
                    return result;
            }
            Replied();
            CallerPid = result;
            if ((message.Tag & MessageTag.Notification) != 0)
            {
                Notified(message.Badge);
                message.Tag = 0;   // nobody waits for a reply: the next call only receives
            }
            else
            {
                ulong request = message.Tag;
                long error = Handle(&message);
                if (error == ReplyLater)
                    message.Tag = 0;   // parked: the reply right is gone, so the next call only receives
                else
                    message.Tag = error < 0 ? MessageTag.Make((uint)-error, 0) : Success(request, message.Tag);
            }
            message.Tag = MessageTag.AcceptCapabilitiesAt(message.Tag, LandingSlot);
            result = Ipc.ReplyReceive(endpoint, &message);
        }
    }

    // A success reply's label is 0; a tag the handler left as the request's sends none of the
    // request's capabilities back (their words name slots of this server's own).
    private static ulong Success(ulong request, ulong reply)
    {
        if (reply == request)
            return MessageTag.Make(0, MessageTag.Length(request));
        return MessageTag.WithCapabilities(MessageTag.Make(0, MessageTag.Length(reply)), MessageTag.Capabilities(reply));
    }
}
