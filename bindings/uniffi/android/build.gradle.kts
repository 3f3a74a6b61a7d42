// The AAR: the generated uniffi bindings, the shipped Kotlin (Flows, OkHttpTransport; not
// JavaHttpTransport: Android has no java.net.http), libmodelgates_uniffi.so for three ABIs,
// and consumer R8 rules. Nothing here is built on the project's CI machines (no Android SDK or
// NDK there); see README.md in this folder for the steps and what is checked instead.
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.1.0"
    `maven-publish`
}

// One version for every package: the Cargo workspace's, read here rather than written twice.
val sdkVersion: String = Regex("""(?m)^version\s*=\s*"([^"]+)"""")
    .find(rootDir.resolve("../../../Cargo.toml").readText())!!.groupValues[1]

group = "ai.modelgates"
version = sdkVersion

android {
    namespace = "ai.modelgates.sdk"
    compileSdk = 35
    defaultConfig {
        // java.time (Duration for timeouts, Instant for timestamps) is in the platform from API
        // 26; an app with a lower minSdk needs core library desugaring.
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].apply {
        // Kotlin and Java side by side (OkHttpCalls.java beside OkHttpTransport.kt).
        java.srcDirs("../kotlin/src", "../kotlin/okhttp", "build/generated/uniffi")
        jniLibs.srcDirs("build/generated/jniLibs")
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    publishing {
        singleVariant("release") { withSourcesJar() }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // 5.17 or later: earlier JNA builds crash on devices with 16 KB memory pages (and Google
    // Play refuses such apps).
    api("net.java.dev.jna:jna:5.17.0@aar")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
    // OkHttpTransport is the transport on Android; 4.x (also compiles against 3.12+).
    api("com.squareup.okhttp3:okhttp:4.12.0")
}

publishing {
    publications {
        register<MavenPublication>("release") {
            groupId = "ai.modelgates"
            artifactId = "modelgates"
            version = sdkVersion
            afterEvaluate { from(components["release"]) }
        }
    }
}
