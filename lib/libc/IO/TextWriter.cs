namespace System.IO;

/// <summary>Somewhere text goes (the console's output or error): characters, strings, values, lines.</summary>
public abstract class TextWriter
{
    public virtual string NewLine => "\n";

    public abstract void Write(char value);

    public virtual void Write(string value)
    {
        if (value is null)
            return;
        for (int i = 0; i < value.Length; i++)
            Write(value[i]);
    }

    public virtual void Write(object value) => Write(value?.ToString());

    public virtual void Write(int value) => Write(value.ToString());

    public virtual void Write(long value) => Write(value.ToString());

    public virtual void WriteLine() => Write(NewLine);

    public virtual void WriteLine(string value)
    {
        Write(value);
        Write(NewLine);
    }

    public virtual void WriteLine(object value) => WriteLine(value?.ToString());

    public virtual void WriteLine(int value) => WriteLine(value.ToString());

    public virtual void WriteLine(long value) => WriteLine(value.ToString());

    public virtual void Flush()
    {
    }
}
