package dev.lockstep.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1, in the test, between applications and PostgreSQL, that can cut
 * every connection through it ({@link #drop()}: both sides closed at once, as a reset) or
 * stall them silently ({@link #stall()}: sockets stay open and no byte goes through,
 * either way; a side that gives up and closes its socket is still passed on, which a real
 * partition would not do: there, only TCP keepalive tells the server).
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean stalled;

	TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon("proxy-accept", this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Return a JDBC URL to the given database's server through this proxy.
	 * @param url the database's URL
	 * @return the URL through the proxy
	 */
	String through(String url) {
		return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
	}

	/**
	 * Close every connection through the proxy now, with a reset; new ones go through.
	 */
	void drop() {
		for (Socket socket : this.sockets) {
			try {
				socket.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// Closed already.
			}
			closeQuietly(socket);
		}
	}

	/**
	 * Stop every byte, either way, on the open connections and on new ones.
	 */
	void stall() {
		this.stalled = true;
	}

	/**
	 * Let bytes through again.
	 */
	void resume() {
		this.stalled = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort));
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// The server socket was closed, or PostgreSQL refused: the client sees a reset.
			}
		}
	}

	/**
	 * Copy bytes from one side to the other. While stalled, bytes read are held back, not
	 * forwarded, and reading goes on, so that a side that gives up and closes its socket is
	 * seen, and the close passed on; held bytes go through when the stall ends.
	 */
	private void pump(Socket from, Socket to) {
		daemon("proxy-pump", () -> {
			byte[] buffer = new byte[16384];
			ByteArrayOutputStream held = new ByteArrayOutputStream();
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				from.setSoTimeout(20);
				while (true) {
					int read;
					try {
						read = in.read(buffer);
					}
					catch (SocketTimeoutException ex) {
						read = 0;
					}
					if (read == -1) {
						break;
					}
					held.write(buffer, 0, read);
					if (!this.stalled && held.size() > 0) {
						held.writeTo(out);
						out.flush();
						held.reset();
					}
				}
			}
			catch (IOException ex) {
				// One side closed: close the other below.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		});
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(java.io.Closeable socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing: nothing to do.
		}
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		resume();
		drop();
	}

}
