; SYSCALL entry. The CPU arrives here from ring 3 with RCX = user RIP, R11 = user RFLAGS, interrupts
; masked (FMASK), still on the user stack and with the user's GS. Contract: the number is in RAX and
; the arguments in RDI, RSI, RDX, R10, R8; the result goes back in RAX; every other register survives.
; The entry builds the same InterruptFrame an interrupt would (vector SYSCALL_VECTOR), saves the SSE
; state, and calls SyscallDispatch(InterruptFrame*), which returns the frame to leave by: its own, or
; that of a thread an IPC or notification fast path handed the CPU to (blocked in its own system call,
; with only its frame and SSE state on its stack). It returns with SYSRET when that frame is an
; ordinary user return (canonical RIP), otherwise through IRETQ.
bits 64
%include "arch/x86_64/interrupt/InterruptFrame.inc"
extern SyscallDispatch

CPU_KERNEL_STACK equ 8          ; PerCpu.KernelStackTop
CPU_USER_RSP     equ 16         ; PerCpu.UserRspScratch
CPU_LEAVING_ON_CPU equ 40       ; PerCpu.LeavingOnCpu
USER_CODE        equ 0x23
USER_DATA        equ 0x1B
SYSCALL_VECTOR   equ 0x100      ; not a hardware vector: marks a frame built by SYSCALL
USER_LIMIT       equ 0x0000800000000000

section .text
global SyscallEntry
SyscallEntry:
    swapgs
    mov [gs:CPU_USER_RSP], rsp
    mov rsp, [gs:CPU_KERNEL_STACK]
    push USER_DATA              ; ss
    push qword [gs:CPU_USER_RSP] ; rsp
    push r11                    ; rflags
    push USER_CODE              ; cs
    push rcx                    ; rip
    push 0                      ; error code
    push SYSCALL_VECTOR         ; vector
    PUSH_GENERAL_REGISTERS
    mov rbx, rsp                ; the frame
    sub rsp, FXSAVE_AREA
    and rsp, -16                ; fxsave needs 16-byte alignment, the SysV call too
    fxsave [rsp]
    mov rdi, rbx                ; (FMASK cleared DF: SyscallSetup.MaskedFlags)
    call SyscallDispatch
    cmp rax, rbx
    jne .another_thread
.leave:
    fxrstor [rsp]
    mov rsp, rbx
    ; SYSRET only for a canonical user RIP (SYSRET to a non-canonical one faults in ring 0).
    mov rax, [rsp + 17 * 8]     ; frame rip
    mov rcx, USER_LIMIT
    cmp rax, rcx
    jae .iret
    POP_GENERAL_REGISTERS
    add rsp, 16                 ; vector, error code
    pop rcx                     ; rip
    add rsp, 8                  ; cs
    pop r11                     ; rflags
    pop rsp                     ; user rsp: the last use of the kernel stack
    swapgs
    o64 sysret
.iret:
    extern RestoreFrameAndReturn
    jmp RestoreFrameAndReturn
.another_thread:
    ; Leave by the other thread's frame, with its SSE state right below it (as above). Only once
    ; off the old thread's stack may another CPU run that thread: clear its OnCpu now.
    mov rbx, rax
    lea rsp, [rax - FXSAVE_AREA]
    and rsp, -16
    mov rax, [gs:CPU_LEAVING_ON_CPU]
    mov dword [rax], 0
    jmp .leave
