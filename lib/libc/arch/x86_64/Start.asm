; User program entry. The kernel starts a program at _start with RSP at argc (then argv, envp, auxv,
; as on Unix). Calls UserStart(stack, modulesStart, modulesEnd) in C#, which never returns.
bits 64
extern UserStart
extern __modules_start
extern __modules_end

section .text
global _start
_start:
    xor ebp, ebp            ; terminates frame-pointer backtraces
    mov rdi, rsp
    lea rsi, [rel __modules_start]
    lea rdx, [rel __modules_end]
    and rsp, -16
    call UserStart
.hang:
    jmp .hang
