; Thread switching.
bits 64
section .text

; void ContextSwitch(ulong* saveRsp, ulong newRsp, int* previousOnCpu)
; Saves the callee-saved registers and the x87/SSE control words (callee-saved in SysV) on the current
; stack, stores RSP in *saveRsp, switches to newRsp, clears *previousOnCpu (the old thread's stack is
; no longer in use: another CPU may now run it) and restores the same from there. A thread's user SSE
; registers are already on its kernel stack (saved by the interrupt or syscall entry).
global ContextSwitch
ContextSwitch:
    push rbp
    push rbx
    push r12
    push r13
    push r14
    push r15
    sub rsp, 8
    stmxcsr [rsp]
    fnstcw [rsp + 4]
    mov [rdi], rsp
    mov rsp, rsi
    mov dword [rdx], 0
    ldmxcsr [rsp]
    fldcw [rsp + 4]
    add rsp, 8
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret

; ThreadStartUser: where a new user thread's first switch "returns" to. RSP points at the thread's
; initial SSE image (512 bytes, 16-aligned) followed by its InterruptFrame; restores both and enters
; ring 3 through RestoreFrameAndReturn.
; The switch that led here ran under the kernel lock, which ThreadEnteringUser releases (after a
; wait, if the thread's process has it stopped); the SSE state is restored only then, since kernel
; code may use those registers.
extern RestoreFrameAndReturn
extern ThreadEnteringUser
global ThreadStartUser
ThreadStartUser:
    call ThreadEnteringUser
    fxrstor [rsp]
    add rsp, 512
    jmp RestoreFrameAndReturn

; ThreadResumeUser: where a switch "returns" to a thread that blocked in a fast path with nothing on
; its kernel stack but its system call's frame and SSE state (Scheduler.SwitchTo lays that out), when
; something other than a fast path's hand-off wakes it. RSP points at the SSE state, the frame right
; above it: ThreadResumingFromFrame(frame) finishes the call (its result, a kill, a reschedule, the
; kernel lock) before the SSE state is restored, since kernel code may use those registers.
extern ThreadResumingFromFrame
global ThreadResumeUser
ThreadResumeUser:
    lea rdi, [rsp + 512]
    call ThreadResumingFromFrame
    fxrstor [rsp]
    add rsp, 512
    jmp RestoreFrameAndReturn

; ThreadStartKernel: a new kernel thread's first return: R12 = function, R13 = its argument.
; KernelThreadStarting makes the CPU's hold on the kernel lock exclusive (R12, R13 are callee-saved).
extern KernelThreadExit
extern KernelThreadStarting
global ThreadStartKernel
ThreadStartKernel:
    and rsp, -16                ; SysV: 16-byte aligned at each call (the first frame sits 8 bytes lower)
    call KernelThreadStarting
    mov rdi, r13
    call r12
    call KernelThreadExit
.hang:
    hlt
    jmp .hang

; ulong ThreadStartUserAddress(void), ThreadResumeUserAddress(void), ThreadStartKernelAddress(void):
; for building stacks to switch to.
global ThreadStartUserAddress
ThreadStartUserAddress:
    lea rax, [rel ThreadStartUser]
    ret
global ThreadResumeUserAddress
ThreadResumeUserAddress:
    lea rax, [rel ThreadResumeUser]
    ret
global ThreadStartKernelAddress
ThreadStartKernelAddress:
    lea rax, [rel ThreadStartKernel]
    ret

; ulong SyscallEntryAddress(void)
extern SyscallEntry
global SyscallEntryAddress
SyscallEntryAddress:
    lea rax, [rel SyscallEntry]
    ret

; void Stac(void), void Clac(void): open and close SMAP's window for deliberate user-memory access.
global Stac
Stac:
    stac
    ret
global Clac
Clac:
    clac
    ret
