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

; ulong ReadCr0/ReadCr2/ReadCr3/ReadCr4(void), void WriteCr0/WriteCr3/WriteCr4(ulong value)
global ReadCr0
ReadCr0:
    mov rax, cr0
    ret
global ReadCr2
ReadCr2:
    mov rax, cr2
    ret
global ReadCr3
ReadCr3:
    mov rax, cr3
    ret
global ReadCr4
ReadCr4:
    mov rax, cr4
    ret
global WriteCr0
WriteCr0:
    mov cr0, rdi
    ret
global WriteCr3
WriteCr3:
    mov cr3, rdi
    ret
global WriteCr4
WriteCr4:
    mov cr4, rdi
    ret

; ulong ReadMsr(uint msr), void WriteMsr(uint msr, ulong value)
global ReadMsr
ReadMsr:
    mov ecx, edi
    rdmsr
    shl rdx, 32
    or rax, rdx
    ret
global WriteMsr
WriteMsr:
    mov ecx, edi
    mov eax, esi
    mov rdx, rsi
    shr rdx, 32
    wrmsr
    ret

; void Cpuid(uint leaf, uint subleaf, uint* registers /* eax, ebx, ecx, edx */)
global Cpuid
Cpuid:
    push rbx
    mov r8, rdx
    mov eax, edi
    mov ecx, esi
    cpuid
    mov [r8], eax
    mov [r8 + 4], ebx
    mov [r8 + 8], ecx
    mov [r8 + 12], edx
    pop rbx
    ret

; void InvalidatePage(ulong virtualAddress): drops one TLB entry.
global InvalidatePage
InvalidatePage:
    invlpg [rdi]
    ret

; void EnableInterrupts(void), void DisableInterrupts(void), void WaitForInterrupt(void)
global EnableInterrupts
EnableInterrupts:
    sti
    ret
global DisableInterrupts
DisableInterrupts:
    cli
    ret
; sti takes effect after the next instruction, so an interrupt arriving here wakes the hlt.
global WaitForInterrupt
WaitForInterrupt:
    sti
    hlt
    ret

; ulong ReadFlags(void)
global ReadFlags
ReadFlags:
    pushfq
    pop rax
    ret

; ulong ReadTimestamp(void): the TSC.
global ReadTimestamp
ReadTimestamp:
    rdtsc
    shl rdx, 32
    or rax, rdx
    ret

; ulong ReadFramePointer(void): the caller's RBP, where a backtrace starts.
global ReadFramePointer
ReadFramePointer:
    mov rax, rbp
    ret

; void Breakpoint(void): int3, for the self-test of exception handling (a trap: execution resumes).
global Breakpoint
Breakpoint:
    int3
    ret

; void SwitchStack(ulong stackTop, void (*continuation)(void)): never returns. Continues on a new stack.
global SwitchStack
SwitchStack:
    mov rsp, rdi
    xor ebp, ebp
    call rsi
.hang:
    cli
    hlt
    jmp .hang

; bool SafeRead64(ulong address, ulong* value): reads 8 bytes; false if the read faulted.
; The page-fault handler recognises a fault at safe_read_access and resumes at safe_read_fault.
global SafeRead64
global SafeReadAccess
global SafeReadFault
SafeRead64:
SafeReadAccess:
    mov rax, [rdi]
    mov [rsi], rax
    mov eax, 1
    ret
SafeReadFault:
    xor eax, eax
    ret

; ulong SymbolAddress of the fault fixup points, for the handler.
global SafeReadAccessAddress
SafeReadAccessAddress:
    lea rax, [rel SafeReadAccess]
    ret
global SafeReadFaultAddress
SafeReadFaultAddress:
    lea rax, [rel SafeReadFault]
    ret
