; long OceanSyscall(ulong number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4)
; SysV in (rdi, rsi, rdx, rcx, r8, r9) -> Ocean's syscall ABI: number in rax, arguments in
; rdi, rsi, rdx, r10, r8 (rcx and r11 are taken by SYSCALL itself). Result in rax (negative errno).
bits 64
section .text
global OceanSyscall
OceanSyscall:
    mov rax, rdi
    mov rdi, rsi
    mov rsi, rdx
    mov rdx, rcx
    mov r10, r8
    mov r8, r9
    syscall
    ret

; long OceanSyscall0(ulong number): a call that takes no arguments (getpid, yield, fork...), so no
; argument register needs moving; the kernel reads none for these numbers.
global OceanSyscall0
OceanSyscall0:
    mov rax, rdi
    syscall
    ret

; long OceanIpc(ulong number, long slot, IpcMessage* message)
; Loads the message (tag, then words 0..7 at +16..+72) into the IPC registers (see Abi/Ipc.cs), makes
; the call, and stores what comes back: tag at +0, badge at +8, words at +16..+72.
global OceanIpc
OceanIpc:
    push rbx
    push r12
    push r13
    push r14
    push r15
    mov rax, rdi
    mov rdi, rsi
    mov rbx, rdx
    mov rsi, [rbx]
    mov rdx, [rbx + 16]
    mov r10, [rbx + 24]
    mov r8,  [rbx + 32]
    mov r9,  [rbx + 40]
    mov r12, [rbx + 48]
    mov r13, [rbx + 56]
    mov r14, [rbx + 64]
    mov r15, [rbx + 72]
    syscall
    mov [rbx], rsi
    mov [rbx + 8], rdi
    mov [rbx + 16], rdx
    mov [rbx + 24], r10
    mov [rbx + 32], r8
    mov [rbx + 40], r9
    mov [rbx + 48], r12
    mov [rbx + 56], r13
    mov [rbx + 64], r14
    mov [rbx + 72], r15
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    ret

; OceanThreadStart: where every thread made by Threads.Create begins (the kernel sets RSP to the
; 16-byte aligned stack top, RDI = the C# entry point, RSI = its argument). Calls entry(argument)
; like any function, then ends the thread with thread_exit. Never returns.
THREAD_EXIT equ 37
global OceanThreadStart
OceanThreadStart:
    mov rax, rdi
    mov rdi, rsi
    call rax
    mov eax, THREAD_EXIT
    syscall
    ud2

; ulong OceanThreadStartAddress(void): the address of OceanThreadStart, for thread_create.
global OceanThreadStartAddress
OceanThreadStartAddress:
    lea rax, [rel OceanThreadStart]
    ret
