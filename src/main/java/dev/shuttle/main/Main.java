package dev.shuttle.main;

public final class Main {
    public static void main(String[] args) {
        System.out.println("shuttle");
    }
}
