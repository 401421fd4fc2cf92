; User program entry. The kernel starts a program at _start with RSP at argc (then argv, envp, auxv,
; as on Unix). Calls UserStart(stack, modulesStart, modulesEnd) in C#, which never returns.
bits 64
extern UserStart
extern __modules_start
extern __modules_end

HEAP_SIZE equ 256 * 1024

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

; void UserHeapBounds(byte** start, byte** end): the program's initial heap (until brk exists).
global UserHeapBounds
UserHeapBounds:
    lea rax, [rel heap_start]
    mov [rdi], rax
    lea rax, [rel heap_end]
    mov [rsi], rax
    ret

section .bss
align 16
heap_start: resb HEAP_SIZE
heap_end:
