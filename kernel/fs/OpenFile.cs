namespace Ocean.Kernel.Fs;

using Ocean.Abi;
using Ocean.Kernel.Mm;

/// <summary>
/// What a file descriptor names: the console or one end of a pipe (files of the VFS come later). fork
/// and dup2 share an open file; it is closed when the last descriptor naming it goes. Read and Write
/// take user addresses and copy through UserMemory themselves.
/// </summary>
public abstract class OpenFile
{
    private int _references = 1;

    public virtual long Read(ulong buffer, ulong length) => -Errno.EBADF;

    public virtual long Write(ulong buffer, ulong length) => -Errno.EBADF;

    /// <summary>Whether this is a terminal (isatty): the console is; pipes are not.</summary>
    public virtual bool IsTerminal => false;

    /// <summary>The last descriptor naming this file went away.</summary>
    protected virtual void Closed() { }

    public void AddReference() => _references++;

    public void Release()
    {
        if (--_references > 0)
            return;
        Closed();
        KernelHeap.Free(this);
    }
}
