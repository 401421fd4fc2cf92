; The CPU instructions C# cannot express. SysV calling convention: arguments in rdi, rsi.
bits 64
section .text

; void PortOut8(ushort port, byte value)
global PortOut8
PortOut8:
    mov dx, di
    mov al, sil
    out dx, al
    ret

; byte PortIn8(ushort port)
global PortIn8
PortIn8:
    mov dx, di
    in al, dx
    movzx eax, al
    ret

; void PortOut16(ushort port, ushort value)
global PortOut16
PortOut16:
    mov dx, di
    mov ax, si
    out dx, ax
    ret

; void PortOut32(ushort port, uint value)
global PortOut32
PortOut32:
    mov dx, di
    mov eax, esi
    out dx, eax
    ret

; void HaltForever(void): disables interrupts and halts; never returns.
global HaltForever
HaltForever:
    cli
.again:
    hlt
    jmp .again

; void Pause(void): spin-loop hint.
global Pause
Pause:
    pause
    ret
